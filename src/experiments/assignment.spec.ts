import { Types } from 'mongoose';
import { chiSquareGoodnessOfFit } from '../common/stats';
import { assignVariant, inPercent, pickWeighted, unitHash } from './assignment';

const ids = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    new Types.ObjectId(`65a0000000000000${i.toString(16).padStart(8, '0')}`).toHexString(),
  );

describe('assignment', () => {
  const variants = [
    { key: 'control', weight: 50 },
    { key: 'b', weight: 30 },
    { key: 'c', weight: 20 },
  ];

  it('spreads 100,000 ids over the weights within tolerance', () => {
    const counts = new Map<string, number>(variants.map((v) => [v.key, 0]));
    for (const id of ids(100_000)) {
      const { key } = assignVariant('salt-1', id, variants);
      counts.set(key, counts.get(key)! + 1);
    }
    // Binomial sd of a share over 100,000 draws is ≤ 0.0016; 0.008 is five of them.
    expect(counts.get('control')! / 100_000).toBeCloseTo(0.5, 1);
    expect(Math.abs(counts.get('control')! / 100_000 - 0.5)).toBeLessThan(0.008);
    expect(Math.abs(counts.get('b')! / 100_000 - 0.3)).toBeLessThan(0.008);
    expect(Math.abs(counts.get('c')! / 100_000 - 0.2)).toBeLessThan(0.008);
    // And no sample-ratio mismatch by the check the results use.
    const srm = chiSquareGoodnessOfFit(
      variants.map((v) => counts.get(v.key)!),
      variants.map((v) => v.weight),
    )!;
    expect(srm.pValue).toBeGreaterThan(0.001);
  });

  it('gives one id the same variant every time', () => {
    const [id] = ids(1);
    const first = assignVariant('salt-1', id, variants).key;
    for (let i = 0; i < 100; i++) expect(assignVariant('salt-1', id, variants).key).toBe(first);
  });

  it('draws independently for different salts', () => {
    let same = 0;
    const all = ids(20_000);
    const two = [
      { key: 'a', weight: 1 },
      { key: 'b', weight: 1 },
    ];
    for (const id of all) {
      if (assignVariant('exp-1', id, two).key === assignVariant('exp-2', id, two).key) same++;
    }
    // Independent 50/50 draws agree half the time (sd 0.0035 of the share).
    expect(Math.abs(same / all.length - 0.5)).toBeLessThan(0.02);
  });

  it('maps the unit interval onto cumulative weights', () => {
    expect(pickWeighted(variants, 0).key).toBe('control');
    expect(pickWeighted(variants, 0.4999).key).toBe('control');
    expect(pickWeighted(variants, 0.5).key).toBe('b');
    expect(pickWeighted(variants, 0.8).key).toBe('c');
    expect(pickWeighted(variants, 0.999999).key).toBe('c');
    expect(() => pickWeighted([{ key: 'a', weight: 0 }], 0.5)).toThrow(RangeError);
  });

  it('takes the population percent by an independent hash', () => {
    const all = ids(10_000);
    const inside = all.filter((id) => inPercent('salt-1', id, 25)).length;
    expect(Math.abs(inside / all.length - 0.25)).toBeLessThan(0.03);
    expect(all.every((id) => inPercent('salt-1', id, 100))).toBe(true);
    expect(all.some((id) => inPercent('salt-1', id, 0))).toBe(false);
    expect(unitHash('s', 'variant', all[0])).not.toBe(unitHash('s', 'population', all[0]));
  });
});
