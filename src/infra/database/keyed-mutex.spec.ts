import { KeyedMutex } from './keyed-mutex';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedMutex', () => {
  it('runs the work of one key one at a time, in call order, and other keys alongside', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const work = (key: string, label: string) =>
      mutex.run(key, async () => {
        running += key === 'a' ? 1 : 0;
        most = Math.max(most, running);
        log.push(`start ${label}`);
        await tick();
        await tick();
        log.push(`end ${label}`);
        running -= key === 'a' ? 1 : 0;
        return label;
      });
    const results = await Promise.all([
      work('a', 'a1'),
      work('a', 'a2'),
      work('b', 'b1'),
      work('a', 'a3'),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1', 'a3']);
    expect(most).toBe(1);
    const order = log.filter((line) => / a\d$/.test(line));
    expect(order).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
    // b started before a1 ended: keys do not wait for each other.
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
    expect(mutex.size).toBe(0);
  });

  it('keeps going after a failure and passes the error to its caller only', async () => {
    const mutex = new KeyedMutex();
    const failing = mutex.run('k', async () => {
      throw new Error('boom');
    });
    const next = mutex.run('k', async () => 'fine');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('fine');
    expect(mutex.size).toBe(0);
  });
});
