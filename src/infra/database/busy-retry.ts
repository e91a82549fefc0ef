/**
 * Retries a write that the embedded FerretDB refused because its SQLite file was locked by another
 * writer ("database is locked (5) (SQLITE_BUSY)", seen under 50 concurrent answers). The statement
 * did not run, so running it again is safe. Other errors, and MongoDB's, pass through at once.
 */
const ATTEMPTS = 6;

export function isSqliteBusy(error: unknown): boolean {
  return error instanceof Error && error.message.includes('SQLITE_BUSY');
}

export async function retryWhenBusy<T>(
  write: () => Promise<T>,
  pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isSqliteBusy(error) || attempt >= ATTEMPTS) throw error;
      // 5, 10, 20, 40, 80 ms, with jitter so the writers that collided do not collide again.
      await pause(5 * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}
