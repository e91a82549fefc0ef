/**
 * Classical test theory item statistics over every attempt of a test (not only the last one):
 * facility p (mean item score) and the point-biserial correlation of the item with the rest-score
 * (the attempt's total without this item), so the item does not correlate with itself.
 */

/** One attempt: the score (0..1, 1 = correct) of each question it contained. */
export type Attempt = ReadonlyMap<string, number>;

export type DiscriminationFlag = 'negative' | 'low' | null;

export interface ItemStatistics {
  questionId: string;
  attempts: number;
  /** Mean item score over the attempts that contained it. */
  facility: number;
  /** Point-biserial against the rest-score; null when either side has no variance (or < 2 attempts). */
  discrimination: number | null;
  flag: DiscriminationFlag;
}

/** Items discriminating below this are flagged `low` (negative ones `negative`). */
export const LOW_DISCRIMINATION = 0.2;

/** Pearson correlation with population moments; null when either variable is constant. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

export function flagOf(discrimination: number | null): DiscriminationFlag {
  if (discrimination === null) return null;
  if (discrimination < 0) return 'negative';
  return discrimination < LOW_DISCRIMINATION ? 'low' : null;
}

/** Statistics of each question seen in `attempts`, in order of first appearance. */
export function analyseItems(attempts: readonly Attempt[]): ItemStatistics[] {
  const totals = attempts.map((attempt) => [...attempt.values()].reduce((a, b) => a + b, 0));
  const order: string[] = [];
  const seen = new Set<string>();
  for (const attempt of attempts)
    for (const id of attempt.keys())
      if (!seen.has(id)) {
        seen.add(id);
        order.push(id);
      }
  return order.map((questionId) => {
    const item: number[] = [];
    const rest: number[] = [];
    attempts.forEach((attempt, index) => {
      const score = attempt.get(questionId);
      if (score === undefined) return;
      item.push(score);
      rest.push(totals[index] - score);
    });
    const discrimination = pearson(item, rest);
    return {
      questionId,
      attempts: item.length,
      facility: item.reduce((a, b) => a + b, 0) / item.length,
      discrimination,
      flag: flagOf(discrimination),
    };
  });
}

/** Counts of scores in `bins` equal-width bins over [0, 1] (1 falls in the last bin). */
export function histogram(scores: readonly number[], bins = 10): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const score of scores) counts[Math.min(bins - 1, Math.floor(score * bins))] += 1;
  return counts;
}
