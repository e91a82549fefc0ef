import fc from 'fast-check';
import {
  cohortStatistics,
  historicalComparison,
  percentileRank,
  trend,
  type CohortValue,
  type TimePoint,
} from './statistics';

function cohort(values: number[]): CohortValue[] {
  return values.map((value, i) => ({ studentId: `student-${i}`, value }));
}

const NOW = Date.UTC(2024, 5, 1);
const DAY = 86_400_000;

function point(dayOffset: number, value: number): TimePoint {
  return { at: new Date(NOW + dayOffset * DAY), value };
}

describe('percentileRank', () => {
  it('counts peers strictly below plus half of the ties', () => {
    expect(percentileRank(3, cohort([1, 2, 3, 4, 5]))).toEqual({
      status: 'ok',
      percentile: 50,
      peers: 5,
    });
    // below: 1; equal: 2 → (1 + 1) / 5 = 40%.
    expect(percentileRank(3, cohort([1, 3, 3, 5, 7]))).toMatchObject({ percentile: 40 });
    expect(percentileRank(0, cohort([1, 3, 3, 5, 7]))).toMatchObject({ percentile: 0 });
    expect(percentileRank(9, cohort([1, 3, 3, 5, 7]))).toMatchObject({ percentile: 100 });
  });

  it('refuses cohorts of fewer distinct students than the minimum', () => {
    const fourStudents = [...cohort([1, 2, 3, 4]), { studentId: 'student-0', value: 9 }];
    expect(percentileRank(3, fourStudents)).toEqual({ status: 'not-enough-peers', minimum: 5 });
    expect(percentileRank(3, fourStudents, { minimumPeers: 4 })).toMatchObject({
      status: 'ok',
      peers: 5,
    });
    expect(cohortStatistics([], { minimumPeers: 1 })).toEqual({
      status: 'not-enough-peers',
      minimum: 1,
    });
    expect(() => percentileRank(3, fourStudents, { minimumPeers: 0 })).toThrow(RangeError);
  });

  it('stays within 0–100 and never reveals a student id', () => {
    const peers = fc.array(
      fc.record({ studentId: fc.uuid(), value: fc.integer({ min: 0, max: 10 }) }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(peers, fc.integer({ min: -1, max: 11 }), (group, value) => {
        const rank = percentileRank(value, group);
        const stats = cohortStatistics(group);
        const text = JSON.stringify([rank, stats]);
        for (const { studentId } of group) expect(text).not.toContain(studentId);
        if (rank.status === 'ok') {
          expect(rank.percentile).toBeGreaterThanOrEqual(0);
          expect(rank.percentile).toBeLessThanOrEqual(100);
        } else {
          expect(new Set(group.map((p) => p.studentId)).size).toBeLessThan(5);
        }
      }),
    );
  });
});

describe('cohortStatistics', () => {
  it('matches the textbook example 2, 4, 4, 4, 5, 5, 7, 9', () => {
    // Mean 5; Σ(x − 5)² = 32, so the sample sd is √(32/7). Type 7 quartiles: positions 1.75 and 5.25.
    expect(cohortStatistics(cohort([9, 4, 2, 4, 5, 4, 7, 5]))).toEqual({
      status: 'ok',
      count: 8,
      mean: 5,
      median: 4.5,
      standardDeviation: Math.sqrt(32 / 7),
      q1: 4,
      q3: 5.5,
    });
  });

  it('rejects values that are not finite numbers', () => {
    expect(() => cohortStatistics(cohort([1, 2, 3, 4, Number.NaN]))).toThrow(RangeError);
  });
});

describe('historicalComparison', () => {
  it('compares now with the value as it stood 30, 60 and 90 days ago', () => {
    const series = [point(-1, 40), point(-100, 10), point(-31, 30), point(-65, 20), point(5, 99)];
    const result = historicalComparison(series, new Date(NOW), [30, 60, 90, 120]);
    expect(result.current).toEqual(point(-1, 40)); // the point in the future is not yet "now"
    expect(result.past.map(({ days, then, change }) => [days, then?.value, change])).toEqual([
      [30, 30, 10],
      [60, 20, 20],
      [90, 10, 30],
      [120, undefined, undefined],
    ]);
  });

  it('has nothing to compare in an empty series', () => {
    expect(historicalComparison([], new Date(NOW))).toEqual({
      current: undefined,
      past: [30, 60, 90].map((days) => ({ days, then: undefined, change: undefined })),
    });
  });
});

describe('trend', () => {
  it('finds an exact line significant', () => {
    const result = trend([0, 1, 2, 3].map((d) => point(d, 2 + 0.5 * d)));
    expect(result.slopePerDay).toBeCloseTo(0.5, 12);
    expect(result.slopeStandardError).toBeCloseTo(0, 12);
    expect(result.direction).toBe('up');
    expect(trend([0, 1, 2].map((d) => point(d, 7 - d))).direction).toBe('down');
    expect(trend([0, 1, 2].map((d) => point(d, 7))).direction).toBe('flat');
  });

  it('calls a noisy slope flat below the t threshold', () => {
    // (0,1) (1,3) (2,2) (3,4): Sxx = 5, Sxy = 4 → slope 0.8; residuals −0.3, 0.9, −0.9, 0.3
    // → RSS 1.8, s² = 0.9, SE = √(0.9/5) = 0.4243, t = 1.886.
    const series = [point(0, 1), point(1, 3), point(2, 2), point(3, 4)];
    const result = trend(series);
    expect(result.slopePerDay).toBeCloseTo(0.8, 12);
    expect(result.slopeStandardError).toBeCloseTo(Math.sqrt(0.18), 12);
    expect(result.direction).toBe('flat');
    expect(trend(series, { minimumTStatistic: 1.8 }).direction).toBe('up');
  });

  it('needs three points to call a direction', () => {
    const result = trend([point(0, 1), point(1, 2)]);
    expect(result.slopePerDay).toBeCloseTo(1, 12);
    expect(result.direction).toBe('insufficient-data');
    expect(trend([]).direction).toBe('insufficient-data');
    expect(
      trend(
        [0, 1, 2].map((d) => point(d, d)),
        { minimumPoints: 4 },
      ).direction,
    ).toBe('insufficient-data');
  });
});
