import { clamp, mean } from '../common/stats';

/** A probabilistic forecast and what happened. */
export interface Prediction {
  probability: number;
  outcome: boolean;
}

/** Probabilities are clipped to [1e−15, 1 − 1e−15] so a confident miss costs ~34.5, not infinity. */
const LOG_LOSS_EPSILON = 1e-15;

/** Mean negative log-likelihood −[y ln p + (1 − y) ln(1 − p)]; undefined for no predictions. */
export function logLoss(predictions: readonly Prediction[]): number | undefined {
  return mean(
    predictions.map(({ probability, outcome }) => {
      const p = clamp(probability, LOG_LOSS_EPSILON, 1 - LOG_LOSS_EPSILON);
      return -Math.log(outcome ? p : 1 - p);
    }),
  );
}

/** Brier score: mean (p − y)²; undefined for no predictions. */
export function brierScore(predictions: readonly Prediction[]): number | undefined {
  return mean(
    predictions.map(({ probability, outcome }) => (probability - (outcome ? 1 : 0)) ** 2),
  );
}

/**
 * Area under the ROC curve by the Mann–Whitney statistic: AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊·n₋), where
 * R₊ is the sum of the ranks of the positive cases among all probabilities (tied values share their
 * average rank, so a tie counts one half). Undefined unless both outcomes occur.
 */
export function auc(predictions: readonly Prediction[]): number | undefined {
  const positives = predictions.filter((p) => p.outcome).length;
  const negatives = predictions.length - positives;
  if (positives === 0 || negatives === 0) return undefined;
  const ranks = averageRanks(predictions.map((p) => p.probability));
  const positiveRankSum = predictions.reduce(
    (total, p, i) => (p.outcome ? total + ranks[i] : total),
    0,
  );
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** 1-based ranks of the values in ascending order, ties sharing the mean of their ranks. */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].value === order[start].value) end++;
    const shared = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k].index] = shared;
    start = end + 1;
  }
  return ranks;
}
