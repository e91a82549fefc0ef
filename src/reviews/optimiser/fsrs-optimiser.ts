import { fsrsNative, type FsrsItem } from './fsrs-native';
import type { ReviewGrade } from '../schedulers/grades';

/** One graded review of a card, on the student's day number (whole local days). */
export interface DayReview {
  day: number;
  grade: ReviewGrade;
  /** Time order inside a day; only the order matters. */
  at: number;
}

/**
 * A training item as fsrs-rs reads it: the card's reviews up to and including the one to predict,
 * each with the days since the previous review (0 for the first and for same-day repeats).
 */
export interface TrainingItem {
  reviews: { rating: ReviewGrade; deltaT: number }[];
  /** When the predicted (last) review happened, for time-ordered splits. */
  at: number;
}

/**
 * Every review after a card's first becomes one item holding the card's history up to it, once the
 * card has a review on a later day than the one before (same-day learning steps alone teach FSRS
 * nothing about long-term memory; fsrs-rs requires such a review).
 */
export function toTrainingItems(cards: readonly (readonly DayReview[])[]): TrainingItem[] {
  const items: TrainingItem[] = [];
  for (const card of cards) {
    const ordered = [...card].sort((a, b) => a.at - b.at);
    const reviews: TrainingItem['reviews'] = [];
    ordered.forEach((review, i) => {
      reviews.push({ rating: review.grade, deltaT: i === 0 ? 0 : review.day - ordered[i - 1].day });
      // fsrs-rs aborts the process on an item without a review on a later day: leave those out.
      if (i > 0 && reviews.some((r) => r.deltaT > 0)) {
        items.push({ reviews: reviews.slice(), at: review.at });
      }
    });
  }
  return items.sort((a, b) => a.at - b.at);
}

/** Splits items by time: the most recent `heldOut` fraction is kept aside for evaluation. */
export function splitByTime(
  items: readonly TrainingItem[],
  heldOut: number,
): { train: TrainingItem[]; test: TrainingItem[] } {
  const sorted = [...items].sort((a, b) => a.at - b.at);
  const cut = Math.round(sorted.length * (1 - heldOut));
  return { train: sorted.slice(0, cut), test: sorted.slice(cut) };
}

function toBinding(items: readonly TrainingItem[]): FsrsItem[] {
  const { FSRSBindingItem, FSRSBindingReview } = fsrsNative();
  return items.map(
    (item) =>
      new FSRSBindingItem(item.reviews.map((r) => new FSRSBindingReview(r.rating, r.deltaT))),
  );
}

/** Items whose predicted review came on a later day than the one before (what FSRS predicts). */
function longTerm(items: readonly TrainingItem[]): TrainingItem[] {
  return items.filter((item) => item.reviews[item.reviews.length - 1].deltaT > 0);
}

/**
 * Fits FSRS parameters with the official optimiser (fsrs-rs, see fsrs-native.ts).
 * With too little data fsrs-rs answers its defaults.
 */
export async function fitParameters(
  items: readonly TrainingItem[],
  options: { enableShortTerm?: boolean } = {},
): Promise<number[]> {
  if (items.length === 0) throw new RangeError('no training items');
  return fsrsNative().computeParameters(toBinding(items), {
    enableShortTerm: options.enableShortTerm ?? true,
  });
}

/** Log loss and RMSE(bins) of parameters (undefined: fsrs-rs defaults) on items, by fsrs-rs. */
export function evaluateParameters(
  parameters: readonly number[] | undefined,
  items: readonly TrainingItem[],
): { logLoss: number; rmseBins: number } | null {
  const evaluated = longTerm(items);
  if (evaluated.length === 0) return null;
  const model = new (fsrsNative().FSRSBinding)(parameters ? [...parameters] : undefined);
  return model.evaluate(toBinding(evaluated));
}
