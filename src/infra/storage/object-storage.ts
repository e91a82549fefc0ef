import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { ServiceUnavailableError } from '../../common/errors';

/** A stored object as listed or looked up. */
export interface StoredObject {
  key: string;
  size: number;
  modifiedAt: Date;
}

export interface PutResult {
  size: number;
  sha256: string;
}

/** The stream passed more than the declared limit; nothing was stored. */
export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file exceeds ${limit} bytes`);
  }
}

/** The object store did not answer or refused the request (answered 503). */
export class StorageUnavailableError extends ServiceUnavailableError {
  constructor(operation: string, cause: unknown) {
    super('File storage is unavailable', {
      operation,
      cause: (cause as Error)?.name ?? String(cause),
    });
  }
}

/**
 * Every file the app keeps goes through this interface, whichever driver is configured (`STORAGE_DRIVER`):
 * folders under DATA_DIR (`LocalObjectStorage`) or an S3-compatible bucket (`S3ObjectStorage`). Keys are
 * `/`-separated paths such as `<database>/<document id>`. Nothing else touches stored files.
 */
export abstract class ObjectStorage {
  abstract readonly driver: 'local' | 's3';

  /**
   * Streams `source` into `key`, failing with FileTooLargeError past `maxBytes`. The object appears whole
   * or not at all (never half-written under its key), and nothing is left behind on failure.
   */
  abstract put(key: string, source: Readable, maxBytes: number): Promise<PutResult>;

  /** The object's bytes as a stream, or null when there is no such object. */
  abstract get(key: string): Promise<Readable | null>;

  abstract head(key: string): Promise<StoredObject | null>;

  /** Removes the object; no error when it is already gone. */
  abstract delete(key: string): Promise<void>;

  /** Moves an object to another key (replacing what is there); a no-op when `from` is gone and `to` exists. */
  abstract move(from: string, to: string): Promise<void>;

  /** Every object whose key starts with `prefix`. */
  abstract list(prefix: string): AsyncIterable<StoredObject>;

  /** A short-lived URL that downloads the object without the API, or null when the driver has none. */
  abstract presignedUrl(key: string, seconds: number, filename: string): Promise<string | null>;

  /** Throws when the store cannot be reached (readiness probe). */
  abstract check(): Promise<void>;

  /** The whole object in memory (documents are bounded by the upload limit), or null. */
  async read(key: string): Promise<Buffer | null> {
    const stream = await this.get(key);
    if (!stream) return null;
    const parts: Buffer[] = [];
    for await (const part of stream) parts.push(part as Buffer);
    return Buffer.concat(parts);
  }
}

/**
 * A pass-through that counts bytes and hashes them, failing with FileTooLargeError once `maxBytes` is passed.
 */
export function meter(maxBytes: number): Transform & { result(): PutResult } {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(new FileTooLargeError(maxBytes));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return Object.assign(stream, { result: () => ({ size, sha256: hash.digest('hex') }) });
}
