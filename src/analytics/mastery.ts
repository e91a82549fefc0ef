import { MS_PER_DAY, RunningLinearRegression } from '../common/stats';
import { betaQuantile } from './distributions';
import { answerCredit, sortByTopic, type AnswerRecord } from './records';

/**
 * Mastery of a topic is the posterior mean of a Beta-Bernoulli model of the student's chance of
 * answering it correctly, with recent answers weighing more:
 *
 *   α = α₀ + Σ wᵢ·creditᵢ,   β = β₀ + Σ wᵢ·(1 − creditᵢ),   wᵢ = ½^(ageᵢ / half-life),
 *   mastery = α / (α + β),   credible interval = the equal-tailed quantiles of Beta(α, β).
 *
 * With an infinite half-life this is the textbook conjugate update (k correct of n with a
 * uniform prior gives (k + 1) / (n + 2)). With a finite one, old evidence fades so the estimate
 * follows the student's current level, and a topic left alone drifts back towards the prior
 * with a widening interval. Partial credit counts as that fraction of a success.
 */
export interface MasteryOptions {
  /** α₀, the prior's pseudo-count of correct answers; default 1 (with β₀ = 1, a uniform prior). */
  priorCorrect?: number;
  /** β₀, the prior's pseudo-count of wrong answers; default 1. */
  priorIncorrect?: number;
  /** Age in days at which an answer weighs half as much as a fresh one; default 30, or Infinity. */
  halfLifeDays?: number;
  /** Probability mass of the credible interval; default 0.95. */
  credibility?: number;
}

export interface TopicMastery {
  topic: string;
  /** Posterior mean, in [0, 1]. */
  mastery: number;
  lower: number;
  upper: number;
  credibility: number;
  /** Answers seen, and their decayed total weight at `now` (the evidence behind the estimate). */
  answers: number;
  effectiveAnswers: number;
  lastAnswerAt: Date;
}

export interface TopicVelocity {
  topic: string;
  answers: number;
  /** Time on task (sum of response times) in hours. */
  studyHours: number;
  /** Least-squares slope of mastery over cumulative study hours; undefined below two distinct x. */
  perStudyHour: number | undefined;
  /** Least-squares slope of mastery over calendar weeks since the topic's first answer. */
  perWeek: number | undefined;
}

export interface LearningVelocity {
  topics: TopicVelocity[];
  /** The answer-weighted mean of the topics' defined slopes (so a change of topic mix is no trend). */
  overall: { perStudyHour: number | undefined; perWeek: number | undefined };
}

const WEEK_MS = 7 * MS_PER_DAY;
const HOUR_MS = 3_600_000;

interface ResolvedMasteryOptions {
  priorCorrect: number;
  priorIncorrect: number;
  halfLifeMs: number;
  credibility: number;
}

function resolveOptions(options: MasteryOptions): ResolvedMasteryOptions {
  const resolved = {
    priorCorrect: options.priorCorrect ?? 1,
    priorIncorrect: options.priorIncorrect ?? 1,
    halfLifeMs: (options.halfLifeDays ?? 30) * MS_PER_DAY,
    credibility: options.credibility ?? 0.95,
  };
  if (!(resolved.priorCorrect > 0 && resolved.priorIncorrect > 0)) {
    throw new RangeError('prior pseudo-counts must be positive');
  }
  if (!(resolved.halfLifeMs > 0)) throw new RangeError('halfLifeDays must be positive');
  if (!(resolved.credibility > 0 && resolved.credibility < 1)) {
    throw new RangeError('credibility must lie strictly between 0 and 1');
  }
  return resolved;
}

/** Weighted counts of success and trials whose weights halve every half-life. */
class FadingEvidence {
  private successes = 0;
  private trials = 0;
  private referenceMs = 0;
  private seen = 0;

  constructor(private readonly halfLifeMs: number) {}

  /** Adds one answer; answers may arrive in any order. */
  add(atMs: number, credit: number): void {
    if (!Number.isFinite(atMs)) throw new RangeError('an answer needs a valid time');
    if (this.seen === 0 || atMs > this.referenceMs) this.moveReferenceTo(atMs);
    const weight = this.weightAfter(this.referenceMs - atMs);
    this.successes += weight * credit;
    this.trials += weight;
    this.seen += 1;
  }

  get answers(): number {
    return this.seen;
  }

  get lastAtMs(): number {
    return this.referenceMs;
  }

  /** The weighted counts as they stand at `nowMs` (no further fading if now precedes the last answer). */
  countsAt(nowMs: number): { successes: number; trials: number } {
    const factor = this.weightAfter(Math.max(0, nowMs - this.referenceMs));
    return { successes: this.successes * factor, trials: this.trials * factor };
  }

  private moveReferenceTo(atMs: number): void {
    const factor = this.seen === 0 ? 1 : this.weightAfter(atMs - this.referenceMs);
    this.successes *= factor;
    this.trials *= factor;
    this.referenceMs = atMs;
  }

  private weightAfter(ageMs: number): number {
    return this.halfLifeMs === Infinity ? 1 : 0.5 ** (ageMs / this.halfLifeMs);
  }
}

/** The Beta posterior's parameters: the prior's pseudo-counts plus the weighted evidence. */
function posterior(
  counts: { successes: number; trials: number },
  options: ResolvedMasteryOptions,
): { alpha: number; beta: number } {
  return {
    alpha: options.priorCorrect + counts.successes,
    beta: options.priorIncorrect + counts.trials - counts.successes,
  };
}

function posteriorMean({ alpha, beta }: { alpha: number; beta: number }): number {
  return alpha / (alpha + beta);
}

function estimate(
  topic: string,
  evidence: FadingEvidence,
  nowMs: number,
  options: ResolvedMasteryOptions,
): TopicMastery {
  const counts = evidence.countsAt(nowMs);
  const { alpha, beta } = posterior(counts, options);
  const tail = (1 - options.credibility) / 2;
  return {
    topic,
    mastery: posteriorMean({ alpha, beta }),
    lower: betaQuantile(tail, alpha, beta),
    upper: betaQuantile(1 - tail, alpha, beta),
    credibility: options.credibility,
    answers: evidence.answers,
    effectiveAnswers: counts.trials,
    lastAnswerAt: new Date(evidence.lastAtMs),
  };
}

/** Mastery per topic over a stream of answers, in any order, in memory proportional to the topics. */
export class MasteryAccumulator {
  private readonly options: ResolvedMasteryOptions;
  private readonly topics = new Map<string, FadingEvidence>();

  constructor(options: MasteryOptions = {}) {
    this.options = resolveOptions(options);
  }

  add(answer: AnswerRecord): void {
    let evidence = this.topics.get(answer.topic);
    if (!evidence) {
      evidence = new FadingEvidence(this.options.halfLifeMs);
      this.topics.set(answer.topic, evidence);
    }
    evidence.add(answer.at.getTime(), answerCredit(answer));
  }

  /** One estimate per topic seen, sorted by topic. */
  result(now: Date): TopicMastery[] {
    return sortByTopic(
      [...this.topics].map(([topic, evidence]) =>
        estimate(topic, evidence, now.getTime(), this.options),
      ),
    );
  }
}

/** One topic's mastery trajectory, regressed on study time and on calendar time as it grows. */
class TopicTrajectory {
  private readonly evidence: FadingEvidence;
  private readonly overHours = new RunningLinearRegression();
  private readonly overWeeks = new RunningLinearRegression();
  private studyMs = 0;
  private readonly firstMs: number;

  constructor(
    first: AnswerRecord,
    private readonly options: ResolvedMasteryOptions,
  ) {
    this.evidence = new FadingEvidence(options.halfLifeMs);
    this.firstMs = first.at.getTime();
  }

  add(answer: AnswerRecord): void {
    const atMs = answer.at.getTime();
    if (!(answer.responseMs >= 0)) throw new RangeError('responseMs must be a non-negative number');
    this.evidence.add(atMs, answerCredit(answer));
    this.studyMs += answer.responseMs;
    const mastery = posteriorMean(posterior(this.evidence.countsAt(atMs), this.options));
    this.overHours.add(this.studyMs / HOUR_MS, mastery);
    this.overWeeks.add((atMs - this.firstMs) / WEEK_MS, mastery);
  }

  velocity(topic: string): TopicVelocity {
    return {
      topic,
      answers: this.evidence.answers,
      studyHours: this.studyMs / HOUR_MS,
      perStudyHour: this.overHours.fit()?.slope,
      perWeek: this.overWeeks.fit()?.slope,
    };
  }
}

/** Mean of the defined values, each weighted by its topic's answers; undefined if none is defined. */
function answerWeightedMean(
  topics: readonly TopicVelocity[],
  pick: (topic: TopicVelocity) => number | undefined,
): number | undefined {
  let weighted = 0;
  let weights = 0;
  for (const topic of topics) {
    const value = pick(topic);
    if (value === undefined) continue;
    weighted += value * topic.answers;
    weights += topic.answers;
  }
  return weights > 0 ? weighted / weights : undefined;
}

/**
 * Learning velocity: how fast mastery (as defined above, evaluated right after each answer)
 * rises per hour of time on task and per calendar week, as least-squares slopes. Answers must
 * arrive in chronological order (the trajectory is a path through time); memory is constant
 * per topic.
 */
export class LearningVelocityAccumulator {
  private readonly options: ResolvedMasteryOptions;
  private readonly topics = new Map<string, TopicTrajectory>();
  private lastMs = -Infinity;

  constructor(options: MasteryOptions = {}) {
    this.options = resolveOptions(options);
  }

  add(answer: AnswerRecord): void {
    const atMs = answer.at.getTime();
    if (!(atMs >= this.lastMs)) {
      throw new RangeError('answers must have valid times, added in chronological order');
    }
    this.lastMs = atMs;
    let trajectory = this.topics.get(answer.topic);
    if (!trajectory) {
      trajectory = new TopicTrajectory(answer, this.options);
      this.topics.set(answer.topic, trajectory);
    }
    trajectory.add(answer);
  }

  result(): LearningVelocity {
    const topics = sortByTopic([...this.topics].map(([topic, path]) => path.velocity(topic)));
    return {
      topics,
      overall: {
        perStudyHour: answerWeightedMean(topics, (t) => t.perStudyHour),
        perWeek: answerWeightedMean(topics, (t) => t.perWeek),
      },
    };
  }
}
