/** The logistic function 1 / (1 + e^(−x)), computed without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** The log-odds ln(p / (1 − p)), the inverse of {@link sigmoid}; p must lie strictly between 0 and 1. */
export function logit(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`logit needs 0 < p < 1, got ${p}`);
  return Math.log(p / (1 - p));
}
