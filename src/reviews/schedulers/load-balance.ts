import type { Random } from '../../common/random/seeded-random';

export interface LoadBalanceInput {
  /** The fuzz range of the interval, in whole days after the review (min ≤ max). */
  minDays: number;
  maxDays: number;
  /** Cards already due on the day `days` after the review. */
  dueOn: (days: number) => number;
  /** True when the day `days` after the review is one of the student's easy days. */
  isEasyDay: (days: number) => boolean;
  random: Random;
}

/** How much of a normal day's load an easy day takes (Anki's "reduced" setting is 50 %). */
export const EASY_DAY_WEIGHT = 0.1;

/**
 * Load balancing within the fuzz range, after Anki's load balancer (rslib
 * scheduler/states/load_balancer.rs): each day d of the range weighs 1/(due_d + 1)² · 1/d, easy
 * days weigh EASY_DAY_WEIGHT times less (unless the whole range is easy days), and the day is drawn
 * with those weights. The answer is always a whole day inside [minDays, maxDays].
 */
export function balanceInterval(input: LoadBalanceInput): number {
  const min = Math.max(1, Math.round(input.minDays));
  const max = Math.max(min, Math.round(input.maxDays));
  if (min === max) return min;
  const days = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const allEasy = days.every((d) => input.isEasyDay(d));
  const weights = days.map((d) => {
    const easy = !allEasy && input.isEasyDay(d) ? EASY_DAY_WEIGHT : 1;
    return (easy * (1 / d)) / (input.dueOn(d) + 1) ** 2;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  let pick = input.random() * total;
  for (let i = 0; i < days.length; i++) {
    pick -= weights[i];
    if (pick < 0) return days[i];
  }
  return max;
}
