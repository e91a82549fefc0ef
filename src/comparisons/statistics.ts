import {
  addDays,
  daysBetween,
  mean,
  median,
  quantile,
  RunningLinearRegression,
  standardDeviation,
} from '../common/stats';

/**
 * Comparisons of a student with peers and with their own past, as pure functions.
 *
 * Privacy: a function that takes a cohort answers `{ status: 'not-enough-peers', minimum }` when
 * the cohort holds fewer distinct students than the minimum (k-anonymity, default k = 5), and
 * its results carry no student ids, nor the minimum or maximum (each of which is one student's
 * own value).
 */

/** One peer's value; the id only serves to count distinct students. */
export interface CohortValue {
  studentId: string;
  value: number;
}

export interface PeerGuardOptions {
  /** Fewest distinct students a cohort result may describe; default 5. */
  minimumPeers?: number;
}

export interface NotEnoughPeers {
  status: 'not-enough-peers';
  minimum: number;
}

export type Guarded<T> = ({ status: 'ok' } & T) | NotEnoughPeers;

export const DEFAULT_MINIMUM_PEERS = 5;

/** Runs `compute` on the cohort's values only when enough distinct students are present. */
function withEnoughPeers<T>(
  cohort: readonly CohortValue[],
  options: PeerGuardOptions,
  compute: (values: number[]) => T,
): Guarded<T> {
  const minimum = options.minimumPeers ?? DEFAULT_MINIMUM_PEERS;
  if (!(Number.isInteger(minimum) && minimum >= 1)) {
    throw new RangeError('minimumPeers must be a positive integer');
  }
  if (new Set(cohort.map((peer) => peer.studentId)).size < minimum) {
    return { status: 'not-enough-peers', minimum };
  }
  const values = cohort.map((peer) => peer.value);
  if (!values.every(Number.isFinite)) throw new RangeError('cohort values must be finite numbers');
  return { status: 'ok', ...compute(values) };
}

/**
 * The mid-rank percentile: the percentage of peer values strictly below `value` plus half of
 * those equal to it, 100·(below + ½·equal)/n. The peers are the cohort as given (include the
 * student or not, as the question asks).
 */
export function percentileRank(
  value: number,
  cohort: readonly CohortValue[],
  options: PeerGuardOptions = {},
): Guarded<{ percentile: number; peers: number }> {
  return withEnoughPeers(cohort, options, (values) => {
    const below = values.filter((v) => v < value).length;
    const equal = values.filter((v) => v === value).length;
    return { percentile: (100 * (below + equal / 2)) / values.length, peers: values.length };
  });
}

export interface CohortStatistics {
  count: number;
  mean: number;
  median: number;
  /** Sample standard deviation (n − 1); undefined for a single value. */
  standardDeviation: number | undefined;
  /** Quartiles by linear interpolation (Hyndman & Fan type 7). */
  q1: number;
  q3: number;
}

/** A statistic of a cohort the guard admitted, which is never empty. */
function present(statistic: number | undefined): number {
  if (statistic === undefined) throw new Error('a statistic of an empty cohort');
  return statistic;
}

/** Count, mean, median, standard deviation and quartiles of the cohort's values. */
export function cohortStatistics(
  cohort: readonly CohortValue[],
  options: PeerGuardOptions = {},
): Guarded<CohortStatistics> {
  return withEnoughPeers(cohort, options, (values) => ({
    count: values.length,
    mean: present(mean(values)),
    median: present(median(values)),
    standardDeviation: standardDeviation(values),
    q1: present(quantile(values, 0.25)),
    q3: present(quantile(values, 0.75)),
  }));
}

/** A dated value of one student's metric (mastery, score, minutes, ...). */
export interface TimePoint {
  at: Date;
  value: number;
}

export interface PastComparison {
  days: number;
  /** The latest point at or before `now − days`; undefined if the series starts later. */
  then: TimePoint | undefined;
  /** current − then; undefined without both. */
  change: number | undefined;
}

export interface HistoricalComparison {
  /** The latest point at or before `now`. */
  current: TimePoint | undefined;
  past: PastComparison[];
}

/** The latest point at or before `atMs` (the value as it stood then), in a series of any order. */
function valueAsOf(series: readonly TimePoint[], atMs: number): TimePoint | undefined {
  let latest: TimePoint | undefined;
  for (const point of series) {
    const pointMs = point.at.getTime();
    if (pointMs <= atMs && (!latest || pointMs >= latest.at.getTime())) latest = point;
  }
  return latest;
}

/** The value now against its values `days` ago (default 30, 60 and 90), carrying the last value forward. */
export function historicalComparison(
  series: readonly TimePoint[],
  now: Date,
  days: readonly number[] = [30, 60, 90],
): HistoricalComparison {
  const current = valueAsOf(series, now.getTime());
  return {
    current,
    past: days.map((d) => {
      const then = valueAsOf(series, addDays(now, -d).getTime());
      return {
        days: d,
        then,
        change: current && then ? current.value - then.value : undefined,
      };
    }),
  };
}

export interface TrendOptions {
  /** |slope / standard error| needed to call a direction; default 2 (about 95% for many points). */
  minimumTStatistic?: number;
  /** Fewest points for a direction; default 3, the least that has a standard error (lower counts as 3). */
  minimumPoints?: number;
}

export interface Trend {
  points: number;
  /** Least-squares slope in value per day; undefined below two distinct times. */
  slopePerDay: number | undefined;
  slopeStandardError: number | undefined;
  /**
   * up/down when the slope is at least `minimumTStatistic` standard errors from zero, flat when
   * not, insufficient-data below `minimumPoints`.
   */
  direction: 'up' | 'down' | 'flat' | 'insufficient-data';
}

function direction(slope: number, standardError: number, minimumT: number): 'up' | 'down' | 'flat' {
  const significant =
    standardError === 0 ? slope !== 0 : Math.abs(slope / standardError) >= minimumT;
  if (!significant) return 'flat';
  return slope > 0 ? 'up' : 'down';
}

/** The least-squares trend of a series over time, with a significance-ish direction. */
export function trend(series: readonly TimePoint[], options: TrendOptions = {}): Trend {
  const minimumT = options.minimumTStatistic ?? 2;
  const minimumPoints = Math.max(3, options.minimumPoints ?? 3);
  const regression = new RunningLinearRegression();
  for (const point of series) regression.add(daysBetween(series[0].at, point.at), point.value);
  const fit = regression.fit();
  const standardError = fit?.slopeStandardError;
  return {
    points: series.length,
    slopePerDay: fit?.slope,
    slopeStandardError: standardError,
    direction:
      fit && standardError !== undefined && series.length >= minimumPoints
        ? direction(fit.slope, standardError, minimumT)
        : 'insufficient-data',
  };
}
