import { retryWhenBusy } from './busy-retry';
import { isDuplicateKey } from './duplicate-key';
import { KeyedMutex } from './keyed-mutex';

export type DatabaseEngine = 'mongodb' | 'ferretdb';

/**
 * The one place that knows which engine runs. Repositories send their writes through it; services
 * never see it. On FerretDB 1.24 it is strict: writes refused with SQLITE_BUSY are retried, and
 * read-modify-write sequences on one document run one at a time per key in this process (its
 * updates of one document are not atomic). On MongoDB both pass straight through.
 */
export abstract class WriteGuard {
  abstract readonly engine: DatabaseEngine;

  /** Runs an idempotent write (one that did not run when the engine refused it). */
  abstract write<T>(run: () => Promise<T>): Promise<T>;

  /** Runs `work` alone among the works of the same key, where the engine needs that. */
  abstract exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;

  /** Runs an insert; null when a unique index already holds its key. */
  async insertUnique<T>(insert: () => Promise<T>): Promise<T | null> {
    try {
      return await this.write(insert);
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
  }

  /**
   * Runs an insert; when a unique index refuses it, returns what `find` reads instead (the record
   * an earlier or concurrent write stored). Rethrows the refusal if `find` reads nothing.
   */
  async insertOrFind<T>(
    insert: () => Promise<T>,
    find: () => Promise<T | null>,
  ): Promise<{ value: T; created: boolean }> {
    try {
      return { value: await this.write(insert), created: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await find();
      if (existing === null) throw error;
      return { value: existing, created: false };
    }
  }
}

export class StrictWriteGuard extends WriteGuard {
  readonly engine = 'ferretdb' as const;
  private readonly mutex = new KeyedMutex();

  write<T>(run: () => Promise<T>): Promise<T> {
    return retryWhenBusy(run);
  }

  exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.mutex.run(key, work);
  }
}

export class PassThroughWriteGuard extends WriteGuard {
  readonly engine = 'mongodb' as const;

  write<T>(run: () => Promise<T>): Promise<T> {
    return run();
  }

  exclusive<T>(_key: string, work: () => Promise<T>): Promise<T> {
    return work();
  }
}

export function writeGuardFor(engine: DatabaseEngine): WriteGuard {
  return engine === 'ferretdb' ? new StrictWriteGuard() : new PassThroughWriteGuard();
}
