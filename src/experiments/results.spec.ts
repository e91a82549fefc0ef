import { holmAdjust, twoProportionZTest } from '../common/stats';
import { computeResults, perUserValues } from './results';

const ones = (n: number, of: number) => Array.from({ length: of }, (_, i) => (i < n ? 1 : 0));

describe('computeResults', () => {
  const base = {
    variants: [
      { key: 'control', weight: 1 },
      { key: 'b', weight: 1 },
      { key: 'c', weight: 1 },
    ],
    control: 'control',
    metrics: [{ key: 'converted', kind: 'conversion' as const, aggregate: 'sum' as const }],
    minimumSampleSize: 100,
  };

  it('compares each treatment with the control and adjusts p-values by Holm', () => {
    const values = new Map([
      [
        'converted',
        new Map([
          ['control', ones(200, 1000)],
          ['b', ones(250, 1000)],
          ['c', ones(215, 1000)],
        ]),
      ],
    ]);
    const exposed = new Map([
      ['control', 1000],
      ['b', 1000],
      ['c', 1000],
    ]);
    const view = computeResults({ ...base, exposed, values });
    const [control, b, c] = view.metrics[0].variants;
    expect(control.lift).toBeNull();
    expect(control.mean).toBeCloseTo(0.2, 12);
    const pb = twoProportionZTest(200, 1000, 250, 1000)!.pValue;
    const pc = twoProportionZTest(200, 1000, 215, 1000)!.pValue;
    const [adjB, adjC] = holmAdjust([pb, pc]);
    expect(b.lift!.pValue).toBeCloseTo(pb, 12);
    expect(b.lift!.adjustedPValue).toBeCloseTo(adjB, 12);
    expect(c.lift!.adjustedPValue).toBeCloseTo(adjC, 12);
    // The smaller p is doubled (two treatments), the larger one kept at least as large.
    expect(b.lift!.adjustedPValue).toBeCloseTo(2 * pb, 12);
    expect(view.sampleRatio!.mismatch).toBe(false);
    expect(view.warnings).toEqual([]);
  });

  it('flags a sample ratio mismatch at p < 0.001 and small samples', () => {
    const exposed = new Map([
      ['control', 1000],
      ['b', 1150],
      ['c', 1000],
    ]);
    const view = computeResults({ ...base, minimumSampleSize: 1100, exposed, values: new Map() });
    // Expected 1050 each: χ² = (50² + 100² + 50²) / 1050 = 14.2857, df 2, p = e^(−χ²/2) = 0.00079.
    expect(view.sampleRatio!.chiSquare).toBeCloseTo(14.2857, 4);
    expect(view.sampleRatio!.pValue).toBeCloseTo(Math.exp(-14.285714 / 2), 6);
    expect(view.sampleRatio!.mismatch).toBe(true);
    expect(view.warnings).toHaveLength(2);
    expect(view.warnings[0]).toMatch(/control, c/);
    expect(view.warnings[1]).toMatch(/Sample ratio mismatch/);
  });
});

describe('perUserValues', () => {
  const events = new Map([
    ['u1', { sum: 3, count: 2 }],
    ['u2', { sum: 0, count: 1 }],
  ]);
  const users = ['u1', 'u2', 'u3'];

  it('makes conversions 0/1, sums count missing users as 0, means skip them', () => {
    expect(perUserValues('conversion', 'sum', users, events)).toEqual([1, 0, 0]);
    expect(perUserValues('continuous', 'sum', users, events)).toEqual([3, 0, 0]);
    expect(perUserValues('continuous', 'mean', users, events)).toEqual([1.5, 0]);
  });
});
