import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AppConfig } from '../config';
import { ObjectStorage, type PutResult } from '../infra/storage';

export { FileTooLargeError } from '../infra/storage';

export interface StoredFileEntry {
  /** The document id the file belongs to. */
  id: string;
  /** The object's key, to remove exactly this entry. */
  key: string;
  /** An upload not yet committed (`<id>.part`). */
  temporary: boolean;
  /** A write the store never finished (a crash mid-write); removable once old, whatever the document. */
  unfinished: boolean;
  modifiedAt: Date;
}

const NAME = /^([0-9a-f]{24})(\.part)?(\.~[0-9a-f]{12})?$/;

/**
 * Uploaded originals in the object storage under `<database>/`: written as `<id>.part`, then moved to `<id>`
 * once the document record exists. A `.part` object or one without a record is an orphan that the clean-up
 * job removes. One prefix per database, so apps on different databases sharing a folder or bucket never
 * take each other's files for orphans. With the local driver that is `<DATA_DIR>/files/<database>/`.
 */
@Injectable()
export class FileStorage {
  readonly prefix: string;

  constructor(
    config: AppConfig,
    private readonly store: ObjectStorage,
  ) {
    this.prefix = `${databaseName(config)}/`;
  }

  /** Streams into `<id>.part`, failing with FileTooLargeError past `maxBytes`; nothing is left on failure. */
  writeTemp(id: string, source: Readable, maxBytes: number): Promise<PutResult> {
    return this.store.put(this.tempKey(id), source, maxBytes);
  }

  async readTemp(id: string): Promise<Buffer> {
    const bytes = await this.store.read(this.tempKey(id));
    if (!bytes) throw new Error(`the upload ${id} has no temporary file`);
    return bytes;
  }

  /** Moves `<id>.part` into place; a no-op if that already happened (a repaired crash). */
  commit(id: string): Promise<void> {
    return this.store.move(this.tempKey(id), this.finalKey(id));
  }

  async exists(id: string, temporary = false): Promise<boolean> {
    return (await this.store.head(temporary ? this.tempKey(id) : this.finalKey(id))) !== null;
  }

  /** The committed file as a stream, or null when it is missing. */
  openRead(id: string): Promise<Readable | null> {
    return this.store.get(this.finalKey(id));
  }

  /** A short-lived direct download URL, or null when the driver has none. */
  downloadUrl(id: string, seconds: number, filename: string): Promise<string | null> {
    return this.store.presignedUrl(this.finalKey(id), seconds, filename);
  }

  /** Deletes the file and any temporary copy. */
  async remove(id: string): Promise<void> {
    await this.store.delete(this.tempKey(id));
    await this.store.delete(this.finalKey(id));
  }

  /** Deletes exactly one listed entry. */
  removeEntry(entry: StoredFileEntry): Promise<void> {
    return this.store.delete(entry.key);
  }

  async list(): Promise<StoredFileEntry[]> {
    const entries: StoredFileEntry[] = [];
    for await (const object of this.store.list(this.prefix)) {
      const match = NAME.exec(object.key.slice(this.prefix.length));
      if (!match) continue;
      entries.push({
        id: match[1],
        key: object.key,
        temporary: Boolean(match[2]),
        unfinished: Boolean(match[3]),
        modifiedAt: object.modifiedAt,
      });
    }
    return entries;
  }

  private tempKey(id: string): string {
    return `${this.prefix}${id}.part`;
  }

  private finalKey(id: string): string {
    return `${this.prefix}${id}`;
  }
}

/** The database name of the MongoDB URI (its path), or the embedded database's name. */
export function databaseName(config: AppConfig): string {
  const fromUri = config.database.uri
    ? /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(config.database.uri)?.[1]
    : config.database.embeddedDbName;
  const name = decodeURIComponent(fromUri ?? '').replace(/[^A-Za-z0-9_-]/g, '_');
  return name || 'default';
}
