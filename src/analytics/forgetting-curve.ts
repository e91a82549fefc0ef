import { twoSidedZ } from './distributions';
import { sortByTopic, type ReviewRecord } from './records';

/**
 * The forgetting curve R(t) = exp(−t / S): the chance to recall an item t days after its last
 * review, with S the memory stability in days (Ebbinghaus-style exponential decay). The half-life,
 * when recall has fallen to ½, is S·ln 2.
 *
 * S is fitted by maximum likelihood on the individual Bernoulli outcomes rather than by least
 * squares on log recall (which cannot use bins where nothing, or everything, was recalled and
 * weighs sparse bins like full ones). With λ = 1/S, the log-likelihood
 *
 *   ℓ(λ) = −λ·Σ_recalled t + Σ_forgotten ln(1 − e^(−λt))
 *
 * is concave, so its maximum is the single root of the score
 *   ℓ'(λ) = −Σ_recalled t + Σ_forgotten t / (e^(λt) − 1),
 * found by bisection; the interval is the Wald interval on λ from the Fisher information
 *   I(λ) = Σ_forgotten t² / (4 sinh²(λt/2)), mapped to S = 1/λ.
 *
 * Reviews at t ≤ 0 enter the bins but not the fit (the model recalls everything at t = 0).
 * To keep memory bounded on long streams, t is kept to a resolution of 0.01 day (about
 * 15 minutes): reviews are tallied per rounded t.
 */

export interface ForgettingCurveOptions {
  /** Increasing lower edges of the bins in days; the last bin is open-ended. */
  binEdgesDays?: readonly number[];
  /** Probability of the interval around S; default 0.95. */
  confidence?: number;
}

export interface RecallBin {
  fromDays: number;
  /** Exclusive upper edge; undefined for the open-ended last bin. */
  toDays: number | undefined;
  reviews: number;
  recalled: number;
  /** recalled / reviews; undefined for an empty bin. */
  observedRecall: number | undefined;
  meanDays: number | undefined;
}

export type CurveFit =
  | {
      status: 'fitted';
      stabilityDays: number;
      halfLifeDays: number;
      /** Wald interval of S; upper is undefined when it is unbounded. */
      stabilityInterval: { lower: number; upper: number | undefined; confidence: number };
      reviewsUsed: number;
    }
  | {
      status: 'not-fittable';
      /** no-reviews: none at t > 0; all-recalled: S is unbounded; none-recalled: S is 0. */
      reason: 'no-reviews' | 'all-recalled' | 'none-recalled';
      reviewsUsed: number;
    };

export interface ForgettingCurve {
  bins: RecallBin[];
  fit: CurveFit;
}

export interface ForgettingCurves {
  overall: ForgettingCurve;
  topics: (ForgettingCurve & { topic: string })[];
}

export const DEFAULT_BIN_EDGES_DAYS: readonly number[] = [0, 1, 2, 4, 7, 14, 30, 60, 120];

const DAYS_RESOLUTION = 100;

/** R(t) = exp(−t / S), the predicted chance of recall `days` after the last review. */
export function retrievability(days: number, stabilityDays: number): number {
  if (!(stabilityDays > 0)) throw new RangeError('stabilityDays must be positive');
  return Math.exp(-Math.max(0, days) / stabilityDays);
}

interface Tally {
  reviews: number;
  recalled: number;
}

/** Recall outcomes counted per delay (rounded to the resolution). */
class RecallTally {
  readonly byDays = new Map<number, Tally>();

  add(days: number, recalled: boolean): void {
    const key = Math.round(days * DAYS_RESOLUTION) / DAYS_RESOLUTION;
    const tally = this.byDays.get(key) ?? { reviews: 0, recalled: 0 };
    tally.reviews += 1;
    if (recalled) tally.recalled += 1;
    this.byDays.set(key, tally);
  }
}

function bins(tally: RecallTally, edges: readonly number[]): RecallBin[] {
  const sums = edges.map(() => ({ reviews: 0, recalled: 0, days: 0 }));
  for (const [days, { reviews, recalled }] of tally.byDays) {
    const index = Math.max(
      0,
      edges.findLastIndex((edge) => days >= edge),
    );
    sums[index].reviews += reviews;
    sums[index].recalled += recalled;
    sums[index].days += days * reviews;
  }
  return sums.map((sum, i) => ({
    fromDays: edges[i],
    toDays: edges[i + 1],
    reviews: sum.reviews,
    recalled: sum.recalled,
    observedRecall: sum.reviews > 0 ? sum.recalled / sum.reviews : undefined,
    meanDays: sum.reviews > 0 ? sum.days / sum.reviews : undefined,
  }));
}

interface FitData {
  /** Σ t over recalled reviews. */
  recalledDays: number;
  /** Forgotten reviews as (t, count). */
  forgotten: [number, number][];
  used: number;
}

function fitData(tally: RecallTally): FitData {
  const data: FitData = { recalledDays: 0, forgotten: [], used: 0 };
  for (const [days, { reviews, recalled }] of tally.byDays) {
    if (days <= 0) continue;
    data.used += reviews;
    data.recalledDays += days * recalled;
    if (reviews > recalled) data.forgotten.push([days, reviews - recalled]);
  }
  return data;
}

/** ℓ'(λ); decreasing in λ. */
function score(rate: number, data: FitData): number {
  let total = -data.recalledDays;
  for (const [days, count] of data.forgotten) total += (count * days) / Math.expm1(rate * days);
  return total;
}

function fisherInformation(rate: number, data: FitData): number {
  let total = 0;
  for (const [days, count] of data.forgotten) {
    total += (count * days * days) / (4 * Math.sinh((rate * days) / 2) ** 2);
  }
  return total;
}

const RATE_BRACKET = [1e-9, 1e9];
const BISECTION_STEPS = 200;

/** The root of the score, bisected on a log scale (λ spans many orders of magnitude). */
function maximumLikelihoodRate(data: FitData): number {
  let [low, high] = RATE_BRACKET;
  for (let step = 0; step < BISECTION_STEPS && high / low > 1 + 1e-13; step++) {
    const middle = Math.sqrt(low * high);
    if (score(middle, data) > 0) low = middle;
    else high = middle;
  }
  return Math.sqrt(low * high);
}

function fitCurve(tally: RecallTally, confidence: number, z: number): CurveFit {
  const data = fitData(tally);
  const notFittable = (reason: 'no-reviews' | 'all-recalled' | 'none-recalled'): CurveFit => ({
    status: 'not-fittable',
    reason,
    reviewsUsed: data.used,
  });
  if (data.used === 0) return notFittable('no-reviews');
  if (data.forgotten.length === 0) return notFittable('all-recalled');
  if (data.recalledDays === 0) return notFittable('none-recalled');
  const rate = maximumLikelihoodRate(data);
  const margin = z / Math.sqrt(fisherInformation(rate, data));
  const stabilityDays = 1 / rate;
  return {
    status: 'fitted',
    stabilityDays,
    halfLifeDays: stabilityDays * Math.LN2,
    stabilityInterval: {
      lower: 1 / (rate + margin),
      upper: rate > margin ? 1 / (rate - margin) : undefined,
      confidence,
    },
    reviewsUsed: data.used,
  };
}

/** Observed recall by delay and the fitted curve, overall and per topic, over a stream of reviews. */
export class ForgettingCurveAccumulator {
  private readonly edges: readonly number[];
  private readonly confidence: number;
  private readonly z: number;
  private readonly overall = new RecallTally();
  private readonly topics = new Map<string, RecallTally>();

  constructor(options: ForgettingCurveOptions = {}) {
    this.edges = options.binEdgesDays ?? DEFAULT_BIN_EDGES_DAYS;
    this.confidence = options.confidence ?? 0.95;
    const increasing = this.edges.every((edge, i) => i === 0 || edge > this.edges[i - 1]);
    if (this.edges.length === 0 || !increasing) {
      throw new RangeError('binEdgesDays must be a non-empty increasing list');
    }
    this.z = twoSidedZ(this.confidence);
  }

  add(review: ReviewRecord): void {
    if (!Number.isFinite(review.daysSinceLastReview)) {
      throw new RangeError('daysSinceLastReview must be a finite number');
    }
    this.overall.add(review.daysSinceLastReview, review.recalled);
    let tally = this.topics.get(review.topic);
    if (!tally) {
      tally = new RecallTally();
      this.topics.set(review.topic, tally);
    }
    tally.add(review.daysSinceLastReview, review.recalled);
  }

  result(): ForgettingCurves {
    const curve = (tally: RecallTally): ForgettingCurve => ({
      bins: bins(tally, this.edges),
      fit: fitCurve(tally, this.confidence, this.z),
    });
    return {
      overall: curve(this.overall),
      topics: sortByTopic([...this.topics].map(([topic, tally]) => ({ topic, ...curve(tally) }))),
    };
  }
}
