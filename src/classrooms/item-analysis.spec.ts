import { analyseItems, histogram, pearson } from './item-analysis';

// Five attempts at four items (rows: attempts, columns: items q0..q3), worked by hand:
// q0: x = [1,1,1,0,1], rest = [2,1,1,1,3]; means 0.8 and 1.6; Sxy = 0.6, Sxx = 0.8, Syy = 3.2,
//     r = 0.6 / sqrt(0.8 * 3.2) = 0.375.
// q3: x = [0,0,0,1,1], rest = [3,2,2,0,3]; means 0.4 and 2; Sxy = -1, Sxx = 1.2, Syy = 6,
//     r = -1 / sqrt(7.2) = -0.372678.
const MATRIX = [
  [1, 1, 1, 0],
  [1, 1, 0, 0],
  [1, 0, 1, 0],
  [0, 0, 0, 1],
  [1, 1, 1, 1],
];
const attempts = MATRIX.map((row) => new Map(row.map((score, i) => [`q${i}`, score])));

describe('item analysis', () => {
  it('gives facility and rest-score point-biserial computed by hand', () => {
    const items = analyseItems(attempts);
    expect(items.map((i) => i.questionId)).toEqual(['q0', 'q1', 'q2', 'q3']);
    expect(items[0]).toMatchObject({ attempts: 5, facility: 0.8, flag: null });
    expect(items[0].discrimination).toBeCloseTo(0.375, 10);
    expect(items[1].facility).toBeCloseTo(0.6, 10);
    expect(items[3].facility).toBeCloseTo(0.4, 10);
    expect(items[3].discrimination).toBeCloseTo(-1 / Math.sqrt(7.2), 10);
    expect(items[3].flag).toBe('negative');
  });

  it('leaves discrimination undefined when an item or the rest-score has no variance', () => {
    const all = [
      new Map([
        ['a', 1],
        ['b', 0],
      ]),
      new Map([
        ['a', 1],
        ['b', 1],
      ]),
    ];
    const [a] = analyseItems(all);
    expect(a).toMatchObject({ facility: 1, discrimination: null, flag: null });
    expect(pearson([1], [1])).toBeNull();
  });

  it('counts only the attempts that contained an item', () => {
    const items = analyseItems([
      new Map([['a', 1]]),
      new Map([
        ['a', 0],
        ['b', 1],
      ]),
    ]);
    expect(items.find((i) => i.questionId === 'b')).toMatchObject({ attempts: 1, facility: 1 });
  });

  it('flags weak positive discrimination as low', () => {
    // x = [1,0,1,0], rest = [1,1,0,0]: r = 0 (below 0.2).
    const rows = [
      [1, 1],
      [0, 1],
      [1, 0],
      [0, 0],
    ].map(
      ([x, y]) =>
        new Map([
          ['x', x],
          ['y', y],
        ]),
    );
    expect(analyseItems(rows)[0]).toMatchObject({ discrimination: 0, flag: 'low' });
  });

  it('bins scores, 1 in the last bin', () => {
    expect(histogram([0, 0.05, 0.5, 0.99, 1], 4)).toEqual([2, 0, 1, 2]);
  });
});
