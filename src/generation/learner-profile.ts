import { comparisonKey } from '../common/text/normalize';
import type { QuestionType } from '../questions/question.types';

/**
 * What a personalised explanation adapts to, in a few coarse buckets so that explanations are cached
 * per (question version, bucket) and shared by every learner in it, never per user:
 * - the misconception: the wrong choices picked (their ids), or a wrong free-text answer;
 * - the style, from mastery of the topic and the pace of recent answers:
 *   a fast guesser (median response under FAST_MEDIAN_MS with accuracy under GUESS_ACCURACY over at
 *   least MIN_RECENT answers) gets a short, sharp `hint`; low mastery (under LOW_MASTERY) a
 *   `step-by-step` walk through the passage; everyone else a `contrast` of their answer and the key.
 */
export type ExplanationStyle = 'hint' | 'step-by-step' | 'contrast';

export interface RecentAnswer {
  correct: boolean;
  responseMs: number;
}

export interface LearnerProfile {
  style: ExplanationStyle;
  /** `chose:b,c`, or `text` for a wrong free-text answer. */
  misconception: string;
  /** The cache bucket: misconception and style. */
  bucket: string;
}

export const FAST_MEDIAN_MS = 8_000;
export const GUESS_ACCURACY = 0.6;
export const MIN_RECENT = 5;
export const LOW_MASTERY = 0.4;

export interface AnswerKey {
  type: QuestionType;
  correctChoiceIds: readonly string[];
  acceptedAnswers: readonly string[];
  choiceIds: readonly string[];
}

export interface GivenAnswer {
  choiceIds?: readonly string[];
  answer?: string;
}

/** Whether the given answer is wrong (a right one needs no personalised explanation). */
export function isWrongAnswer(key: AnswerKey, given: GivenAnswer): boolean {
  if (key.type === 'short-answer') {
    const text = comparisonKey(given.answer ?? '');
    return !key.acceptedAnswers.some((accepted) => comparisonKey(accepted) === text);
  }
  const chosen = new Set(given.choiceIds ?? []);
  return (
    chosen.size !== key.correctChoiceIds.length ||
    key.correctChoiceIds.some((id) => !chosen.has(id))
  );
}

/** The wrong choices picked, sorted (the misconception they suggest); `text` for free text. */
export function misconceptionOf(key: AnswerKey, given: GivenAnswer): string {
  if (key.type === 'short-answer') return 'text';
  const wrong = [...new Set(given.choiceIds ?? [])]
    .filter((id) => key.choiceIds.includes(id) && !key.correctChoiceIds.includes(id))
    .sort();
  return wrong.length ? `chose:${wrong.join(',')}` : 'missed';
}

export function isFastGuesser(recent: readonly RecentAnswer[]): boolean {
  if (recent.length < MIN_RECENT) return false;
  const times = recent.map((a) => a.responseMs).sort((a, b) => a - b);
  const middle = times.length / 2;
  const median =
    times.length % 2 ? times[Math.floor(middle)] : (times[middle - 1] + times[middle]) / 2;
  const accuracy = recent.filter((a) => a.correct).length / recent.length;
  return median < FAST_MEDIAN_MS && accuracy < GUESS_ACCURACY;
}

export function explanationStyle(
  mastery: number | null,
  recent: readonly RecentAnswer[],
): ExplanationStyle {
  if (isFastGuesser(recent)) return 'hint';
  if (mastery !== null && mastery < LOW_MASTERY) return 'step-by-step';
  return 'contrast';
}

export function learnerProfile(
  key: AnswerKey,
  given: GivenAnswer,
  mastery: number | null,
  recent: readonly RecentAnswer[],
): LearnerProfile {
  const style = explanationStyle(mastery, recent);
  const misconception = misconceptionOf(key, given);
  return { style, misconception, bucket: `${style}|${misconception}` };
}
