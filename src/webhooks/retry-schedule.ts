/**
 * When a failed webhook delivery is tried again: after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (the
 * schedule of the Standard Webhooks reference implementation, about 28 hours in all), each delay spread
 * by ±20 % so that an endpoint coming back is not hit by every retry at once.
 */
export const RETRY_DELAYS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** Attempts in all: the first, then one per delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The delay after failed attempt `attempt` (1-based); `random` in [0, 1) picks the jitter. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = RETRY_DELAYS_MS[Math.min(Math.max(attempt, 1), RETRY_DELAYS_MS.length) - 1];
  return Math.round(base * (0.8 + 0.4 * random()));
}
