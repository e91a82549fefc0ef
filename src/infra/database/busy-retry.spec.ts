import { isSqliteBusy, retryWhenBusy } from './busy-retry';

const busy = () =>
  Object.assign(new Error('[collection.go:177] database is locked (5) (SQLITE_BUSY)'), { code: 1 });
const noPause = () => Promise.resolve();

describe('retryWhenBusy', () => {
  it('retries a write refused with SQLITE_BUSY until it goes through', async () => {
    let calls = 0;
    const result = await retryWhenBusy(async () => {
      calls += 1;
      if (calls < 3) throw busy();
      return 'written';
    }, noPause);
    expect(result).toBe('written');
    expect(calls).toBe(3);
  });

  it('gives up after six attempts, with the last error', async () => {
    let calls = 0;
    const write = async () => {
      calls += 1;
      throw busy();
    };
    await expect(retryWhenBusy(write, noPause)).rejects.toThrow('SQLITE_BUSY');
    expect(calls).toBe(6);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    const duplicate = Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
    await expect(
      retryWhenBusy(async () => {
        calls += 1;
        throw duplicate;
      }, noPause),
    ).rejects.toBe(duplicate);
    expect(calls).toBe(1);
    expect(isSqliteBusy('SQLITE_BUSY')).toBe(false);
  });
});
