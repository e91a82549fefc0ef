/** Figures of probabilistic predictions p of binary outcomes y (1 = happened). */

const EPSILON = 1e-7;

/** Mean binary cross-entropy −[y·ln p + (1−y)·ln(1−p)], p clamped to [1e−7, 1−1e−7]. */
export function logLoss(p: readonly number[], y: readonly (0 | 1)[]): number {
  if (p.length === 0 || p.length !== y.length) throw new RangeError('need equal, non-empty arrays');
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - EPSILON, Math.max(EPSILON, p[i]));
    total -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return total / p.length;
}

/**
 * Calibration error: predictions grouped in `bins` equal-width bins of p; the root of the
 * count-weighted mean squared difference between each bin's mean prediction and its observed rate.
 */
export function rmseBins(p: readonly number[], y: readonly (0 | 1)[], bins = 20): number {
  if (p.length === 0 || p.length !== y.length) throw new RangeError('need equal, non-empty arrays');
  const count = new Array<number>(bins).fill(0);
  const predicted = new Array<number>(bins).fill(0);
  const observed = new Array<number>(bins).fill(0);
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p[i] * bins)));
    count[b] += 1;
    predicted[b] += p[i];
    observed[b] += y[i];
  }
  let total = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] > 0) total += (predicted[b] - observed[b]) ** 2 / count[b];
  }
  return Math.sqrt(total / p.length);
}

/**
 * Area under the ROC curve: the probability that a random positive is ranked above a random
 * negative (ties count half), by the Mann–Whitney U statistic. Undefined with one class only.
 */
export function auc(p: readonly number[], y: readonly (0 | 1)[]): number | undefined {
  if (p.length !== y.length) throw new RangeError('need equal arrays');
  const order = p.map((value, i) => ({ value, label: y[i] })).sort((a, b) => a.value - b.value);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j].value === order[i].value) j++;
    const rank = (i + 1 + j) / 2; // mean of ranks i+1 … j
    for (let k = i; k < j; k++) {
      if (order[k].label === 1) {
        positives += 1;
        rankSum += rank;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return undefined;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
