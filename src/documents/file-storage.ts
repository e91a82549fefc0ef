import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig } from '../config';

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file exceeds ${limit} bytes`);
  }
}

export interface StoredFileEntry {
  /** The document id the file belongs to. */
  id: string;
  temporary: boolean;
  modifiedAt: Date;
}

const NAME = /^([0-9a-f]{24})(\.part)?$/;

/**
 * Uploaded originals under `<DATA_DIR>/files/<database>`: written as `<id>.part`, flushed to disk, then
 * renamed to `<id>` once the document record exists. A `.part` file or a file without a record is an orphan
 * that the clean-up job removes. One folder per database, so apps on different databases sharing a
 * DATA_DIR never take each other's files for orphans.
 */
@Injectable()
export class FileStorage {
  readonly dir: string;

  constructor(config: AppConfig) {
    this.dir = join(config.database.dataDir, 'files', databaseName(config));
  }

  /** Streams into `<id>.part`, failing with FileTooLargeError past `maxBytes`; nothing is left on failure. */
  async writeTemp(
    id: string,
    source: Readable,
    maxBytes: number,
  ): Promise<{ size: number; sha256: string }> {
    await mkdir(this.dir, { recursive: true });
    const path = this.tempPath(id);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) return callback(new FileTooLargeError(maxBytes));
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(path, { flags: 'wx' }));
      const handle = await open(path, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      source.resume();
      await this.removeQuietly(path);
      throw error;
    }
    return { size, sha256: hash.digest('hex') };
  }

  async readTemp(id: string): Promise<Buffer> {
    const handle = await open(this.tempPath(id), 'r');
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  /** Moves `<id>.part` into place; a no-op if that already happened (a repaired crash). */
  async commit(id: string): Promise<void> {
    try {
      await rename(this.tempPath(id), this.finalPath(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !(await this.exists(id)))
        throw error;
    }
  }

  async exists(id: string, temporary = false): Promise<boolean> {
    try {
      await stat(temporary ? this.tempPath(id) : this.finalPath(id));
      return true;
    } catch {
      return false;
    }
  }

  async size(id: string): Promise<number | null> {
    try {
      return (await stat(this.finalPath(id))).size;
    } catch {
      return null;
    }
  }

  openRead(id: string): ReadStream {
    return createReadStream(this.finalPath(id));
  }

  /** Deletes the file and any temporary copy. */
  async remove(id: string): Promise<void> {
    await this.removeQuietly(this.tempPath(id));
    await this.removeQuietly(this.finalPath(id));
  }

  async list(): Promise<StoredFileEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: StoredFileEntry[] = [];
    for (const name of names) {
      const match = NAME.exec(name);
      if (!match) continue;
      try {
        const info = await stat(join(this.dir, name));
        entries.push({ id: match[1], temporary: Boolean(match[2]), modifiedAt: info.mtime });
      } catch {
        // Removed meanwhile.
      }
    }
    return entries;
  }

  private tempPath(id: string): string {
    return join(this.dir, `${id}.part`);
  }

  private finalPath(id: string): string {
    return join(this.dir, id);
  }

  private async removeQuietly(path: string): Promise<void> {
    try {
      await unlink(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
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
