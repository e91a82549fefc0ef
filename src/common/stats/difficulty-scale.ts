import { clamp } from './descriptive';
import { logit, sigmoid } from './logistic';

/**
 * The one difficulty scale of the platform: the Rasch logit b, shared by question difficulty and student
 * ability θ (P(correct) = 1 / (1 + e^−(θ − b))), with its mappings to a 0..1 fraction and to named levels.
 */
export type DifficultyLevel = 'easy' | 'medium' | 'hard';

/** Success rate adaptive selection and difficulty recommendations aim for unless configured otherwise. */
export const DEFAULT_TARGET_SUCCESS = 0.7;

/** Fractions are kept in [1 %, 99 %], so difficulties stay within about ±4.6 logits. */
const FRACTION_LIMIT = 0.01;
/** Representative difficulty of each level, and the midpoints (±0.75) that separate them. */
const LEVEL_LOGITS: Record<DifficultyLevel, number> = { easy: -1.5, medium: 0, hard: 1.5 };
const LEVEL_BOUNDARY = 0.75;

/**
 * A 0..1 difficulty fraction, read as the chance that an average student (θ = 0) gets the question
 * wrong, to logits: b = ln(f / (1 − f)), with f kept in [0.01, 0.99].
 */
export function fractionToLogit(fraction: number): number {
  return logit(clamp(fraction, FRACTION_LIMIT, 1 - FRACTION_LIMIT));
}

/** Logits back to the 0..1 fraction: f = 1 / (1 + e^−b). */
export function logitToFraction(difficulty: number): number {
  return sigmoid(difficulty);
}

/** easy = −1.5, medium = 0, hard = +1.5 logits (an average student succeeds 82 %, 50 %, 18 %). */
export function levelToLogit(level: DifficultyLevel): number {
  return LEVEL_LOGITS[level];
}

/** The level whose representative logit is nearest: b < −0.75 easy, b > +0.75 hard, else medium. */
export function logitToLevel(difficulty: number): DifficultyLevel {
  if (difficulty < -LEVEL_BOUNDARY) return 'easy';
  if (difficulty > LEVEL_BOUNDARY) return 'hard';
  return 'medium';
}

/**
 * The level of a 0..1 authored difficulty, through its logit: f < 0.321 easy, f > 0.679 hard.
 * Generation, results and predictions all name levels this way.
 */
export function difficultyLevel(fraction: number): DifficultyLevel {
  return logitToLevel(fractionToLogit(fraction));
}
