import { randomBytes } from 'node:crypto';
import { createWriteStream, type Dirent } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { meter, ObjectStorage, type PutResult, type StoredObject } from './object-storage';

/** Temporary names of writes in progress: `<key>.~<random>`; a crash leaves them for the clean-up. */
const TEMPORARY = /\.~[0-9a-f]{12}$/;

/**
 * Objects as files under one folder (`<DATA_DIR>/files`). A write goes to a temporary name beside its key,
 * is flushed to disk, then renamed into place, so a crash never leaves a half-written file under a key.
 */
export class LocalObjectStorage extends ObjectStorage {
  readonly driver = 'local' as const;

  constructor(readonly root: string) {
    super();
  }

  async put(key: string, source: Readable, maxBytes: number): Promise<PutResult> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.~${randomBytes(6).toString('hex')}`;
    const counter = meter(maxBytes);
    try {
      await pipeline(source, counter, createWriteStream(temporary, { flags: 'wx' }));
      const handle = await open(temporary, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
    } catch (error) {
      source.resume();
      await removeQuietly(temporary);
      throw error;
    }
    return counter.result();
  }

  async get(key: string): Promise<Readable | null> {
    const path = this.path(key);
    try {
      const handle = await open(path, 'r');
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const info = await stat(this.path(key));
      return info.isFile() ? { key, size: info.size, modifiedAt: info.mtime } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await removeQuietly(this.path(key));
  }

  async move(from: string, to: string): Promise<void> {
    try {
      await mkdir(dirname(this.path(to)), { recursive: true });
      await rename(this.path(from), this.path(to));
    } catch (error) {
      if (!isMissing(error) || !(await this.head(to))) throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    // The folder holding the prefix, walked depth-first; temporary files are listed too (the clean-up removes them).
    const slash = prefix.lastIndexOf('/');
    const start = slash < 0 ? this.root : this.path(prefix.slice(0, slash));
    for await (const path of walk(start)) {
      const key = relative(this.root, path).split(sep).join('/');
      if (!key.startsWith(prefix)) continue;
      try {
        const info = await stat(path);
        yield { key, size: info.size, modifiedAt: info.mtime };
      } catch {
        // Removed meanwhile.
      }
    }
  }

  presignedUrl(): Promise<string | null> {
    return Promise.resolve(null);
  }

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const probe = join(this.root, `.probe.~${randomBytes(6).toString('hex')}`);
    const handle = await open(probe, 'wx');
    await handle.close();
    await unlink(probe);
  }

  /** Whether a listed key is a write that never finished. */
  static isTemporary(key: string): boolean {
    return TEMPORARY.test(key);
  }

  private path(key: string): string {
    if (!/^[A-Za-z0-9_-][A-Za-z0-9._~-]*(\/[A-Za-z0-9_-][A-Za-z0-9._~-]*)*$/.test(key))
      throw new Error(`invalid storage key: ${key}`);
    return join(this.root, ...key.split('/'));
  }
}

async function* walk(dir: string): AsyncIterable<string> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function removeQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}
