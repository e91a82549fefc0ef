import type { ReviewGrade } from './grades';

/**
 * The grade a graded answer counts as, from its correctness and its response time relative to the
 * student's own median response time:
 * - wrong → Again;
 * - right in more than 1.5 × the median → Hard (recalled with effort);
 * - right in less than 0.5 × the median → Easy (recalled at once);
 * - otherwise right → Good, also when the time or the median is unknown.
 */
export const SLOW_FACTOR = 1.5;
export const FAST_FACTOR = 0.5;

export function gradeFromAnswer(
  correct: boolean,
  responseMs: number | null,
  medianMs: number | null,
): ReviewGrade {
  if (!correct) return 1;
  if (responseMs === null || medianMs === null || !(medianMs > 0) || !(responseMs >= 0)) return 3;
  if (responseMs > SLOW_FACTOR * medianMs) return 2;
  if (responseMs < FAST_FACTOR * medianMs) return 4;
  return 3;
}
