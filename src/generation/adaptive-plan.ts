import { type DifficultyLevel, logit, logitToFraction, logitToLevel } from '../common/stats';

/**
 * Adaptive generation's plan: which topics a student needs new questions on, and how hard.
 *
 * A topic's strength is its mastery (the posterior mean of the analytics mastery model, 0.5 before
 * any answer) times its predicted recall today (R = exp(−t/S) from the student's forgetting curve of
 * the topic, 1 when no curve could be fitted). The weakest topics come first. Each topic's target
 * difficulty is the Rasch difficulty at which the student succeeds with the target chance:
 * p = 1 / (1 + e^−(θ − b)) solved for b gives b = θ − ln(p / (1 − p)).
 */
export interface TopicEstimate {
  topic: string;
  /** Rasch ability θ in the topic (logits) and the answers behind it. */
  theta: number;
  answers: number;
  /** Posterior mean mastery in [0, 1], or null before any answer. */
  mastery: number | null;
  /** Predicted recall today in [0, 1], or null without a fitted forgetting curve. */
  recall: number | null;
}

export interface PlannedTopic {
  topic: string;
  count: number;
  targetDifficulty: { logit: number; fraction: number; level: DifficultyLevel };
  estimate: TopicEstimate & { strength: number };
}

export interface PlanOptions {
  count: number;
  targetSuccess: number;
  /** At most this many topics share the questions; default 3. */
  maxTopics?: number;
}

/** Mastery assumed before any answer: the mean of the model's uniform prior. */
export const PRIOR_MASTERY = 0.5;
const DEFAULT_MAX_TOPICS = 3;

export function topicStrength(estimate: TopicEstimate): number {
  return (estimate.mastery ?? PRIOR_MASTERY) * (estimate.recall ?? 1);
}

/** b = θ − logit(p): the difficulty a student of ability θ answers right with chance p. */
export function targetDifficultyFor(
  theta: number,
  targetSuccess: number,
): PlannedTopic['targetDifficulty'] {
  const b = theta - logit(targetSuccess);
  return { logit: b, fraction: logitToFraction(b), level: logitToLevel(b) };
}

/**
 * The weakest topics (ties: fewer answers first, then by name), at most `maxTopics` and no more than
 * `count`, with the questions shared out evenly (the weaker topic gets the remainder).
 */
export function planAdaptiveGeneration(
  estimates: readonly TopicEstimate[],
  options: PlanOptions,
): PlannedTopic[] {
  if (!(options.targetSuccess > 0 && options.targetSuccess < 1))
    throw new RangeError('targetSuccess must be in (0, 1)');
  const ranked = estimates
    .map((estimate) => ({ ...estimate, strength: topicStrength(estimate) }))
    .sort(
      (a, b) => a.strength - b.strength || a.answers - b.answers || a.topic.localeCompare(b.topic),
    );
  const chosen = ranked.slice(
    0,
    Math.max(0, Math.min(options.maxTopics ?? DEFAULT_MAX_TOPICS, options.count)),
  );
  const base = chosen.length ? Math.floor(options.count / chosen.length) : 0;
  const extra = chosen.length ? options.count % chosen.length : 0;
  return chosen.map((estimate, index) => ({
    topic: estimate.topic,
    count: base + (index < extra ? 1 : 0),
    targetDifficulty: targetDifficultyFor(estimate.theta, options.targetSuccess),
    estimate,
  }));
}

/** A difficulty mix that asks only for the target's level. */
export function mixFor(level: DifficultyLevel): Record<DifficultyLevel, number> {
  return {
    easy: level === 'easy' ? 1 : 0,
    medium: level === 'medium' ? 1 : 0,
    hard: level === 'hard' ? 1 : 0,
  };
}
