import type { QuestionType } from '../../questions/question-draft';

/**
 * The offline difficulty heuristic, 0 (easy) to 1 (hard):
 *   0.45 × a base for the question type (recognising a statement is easier than recalling a term)
 * + 0.30 × the rarity of the answer term in the document (rarely mentioned terms are harder)
 * + 0.10 × the sentence length (8 words or fewer count 0, 38 or more count 1)
 * + 0.15 × how much the distractors look like the answer (0.5 when there are none to compare)
 * The result is rounded to two decimals.
 */
export interface DifficultySignals {
  type: QuestionType;
  /** Occurrences of the answer term, and of the most frequent key term of the document. */
  termCount: number;
  maxTermCount: number;
  sentenceWords: number;
  distractorSimilarity?: number;
}

const TYPE_BASE: Readonly<Record<QuestionType, number>> = {
  'true-false': 0.05,
  'single-choice': 0.45,
  'multiple-choice': 0.65,
  'short-answer': 1,
};

export function estimateDifficulty(signals: DifficultySignals): number {
  const rarity =
    1 -
    Math.log1p(signals.termCount) /
      Math.log1p(Math.max(signals.maxTermCount, signals.termCount, 1));
  const length = clamp((signals.sentenceWords - 8) / 30);
  const similarity = signals.distractorSimilarity ?? 0.5;
  const score = 0.45 * TYPE_BASE[signals.type] + 0.3 * rarity + 0.1 * length + 0.15 * similarity;
  return Math.round(clamp(score) * 100) / 100;
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
