import { createHash } from 'node:crypto';

/**
 * Deterministic assignment: SHA-256 of "salt:purpose:userId" read as a number in [0, 1), mapped
 * onto cumulative weights. The same user always lands in the same variant (across devices and
 * restarts), and different salts (experiments) give independent draws.
 */

/** A uniform number in [0, 1) from the first 48 bits of SHA-256(salt:purpose:userId). */
export function unitHash(salt: string, purpose: string, userId: string): number {
  const digest = createHash('sha256').update(`${salt}:${purpose}:${userId}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

export interface Weighted {
  key: string;
  weight: number;
}

/** The variant whose cumulative-weight slice contains `u` (0 ≤ u < 1). */
export function pickWeighted<T extends Weighted>(variants: readonly T[], u: number): T {
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  if (!(total > 0)) throw new RangeError('variants need a positive total weight');
  let edge = 0;
  for (const variant of variants) {
    edge += variant.weight / total;
    if (u < edge) return variant;
  }
  return variants[variants.length - 1];
}

/** The user's variant in an experiment with this salt. */
export function assignVariant<T extends Weighted>(
  salt: string,
  userId: string,
  variants: readonly T[],
): T {
  return pickWeighted(variants, unitHash(salt, 'variant', userId));
}

/** Whether the user falls in the experiment's percent of the population (an independent draw). */
export function inPercent(salt: string, userId: string, percent: number): boolean {
  return unitHash(salt, 'population', userId) * 100 < percent;
}
