import { clamp } from '../common/stats';
import { twoSidedZ } from './distributions';

/**
 * Exam readiness: the score a student would get on a test made of a document's questions.
 *
 * Given each question's chance of a correct answer (from whichever model the caller trusts,
 * e.g. Rasch: P = σ(ability − difficulty)), the expected score fraction is their mean. Treating
 * the answers as independent Bernoulli trials, the number correct has variance Σ p(1 − p), so
 * the score fraction has standard deviation √(Σ p(1 − p)) / n. The interval is the normal
 * approximation mean ± z·sd, clipped to [0, 1]: the range the student's actual score should fall
 * in with the given probability. With few questions or probabilities near 0 or 1 the normal
 * approximation is rough; the clipping keeps it inside the possible scores.
 */
export interface Readiness {
  questions: number;
  /** Expected fraction of questions answered correctly, in [0, 1]. */
  predictedScore: number;
  /** Standard deviation of the score fraction. */
  standardDeviation: number;
  lower: number;
  upper: number;
  confidence: number;
}

/** Readiness from per-question probabilities of a correct answer; undefined for a test without questions. */
export function examReadiness(
  probabilities: readonly number[],
  confidence = 0.95,
): Readiness | undefined {
  const z = twoSidedZ(confidence);
  if (probabilities.length === 0) return undefined;
  let expected = 0;
  let varianceOfCount = 0;
  for (const p of probabilities) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`probabilities must lie in [0, 1], got ${p}`);
    expected += p;
    varianceOfCount += p * (1 - p);
  }
  const n = probabilities.length;
  const predictedScore = expected / n;
  const standardDeviation = Math.sqrt(varianceOfCount) / n;
  return {
    questions: n,
    predictedScore,
    standardDeviation,
    lower: clamp(predictedScore - z * standardDeviation, 0, 1),
    upper: clamp(predictedScore + z * standardDeviation, 0, 1),
    confidence,
  };
}
