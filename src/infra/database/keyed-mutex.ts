/**
 * Runs async work one at a time per key, within this process. The ability estimates are moved
 * with `$inc`, which MongoDB applies atomically but FerretDB 1.24 does not (concurrent increments of
 * one document can be lost); the embedded FerretDB only ever serves one app process, so serialising
 * the writes of each document here makes them exact there too.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      // The last one out removes the key, so the map only holds keys with work in flight.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with work queued or running (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
