import { seededRandom, seedFromString } from './seeded-random';

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('hashes strings with FNV-1a', () => {
    // FNV-1a 32-bit of "a" is 0xe40c292c by its published definition.
    expect(seedFromString('a')).toBe(0xe40c292c);
  });
});
