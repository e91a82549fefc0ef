/**
 * The plain records the analytics cores read. Services map stored documents to these shapes and
 * stream them in, so the cores stay free of Mongoose and of any one collection's layout.
 */

/** One answered question. */
export interface AnswerRecord {
  at: Date;
  topic: string;
  correct: boolean;
  /** Partial credit in [0, 1]; when absent, `correct` counts as 1 or 0. */
  credit?: number;
  responseMs: number;
  difficulty?: number;
}

/** One spaced-repetition review: was the item recalled, and how long after its previous review. */
export interface ReviewRecord {
  at: Date;
  topic: string;
  recalled: boolean;
  daysSinceLastReview: number;
}

/** One study session with the answers given in it. */
export interface SessionRecord {
  startedAt: Date;
  endedAt: Date;
  answers: readonly AnswerRecord[];
}

/** The credit an answer earns: its partial credit if given, else 1 for correct and 0 for wrong. */
export function answerCredit(answer: AnswerRecord): number {
  const credit = answer.credit ?? (answer.correct ? 1 : 0);
  if (!(credit >= 0 && credit <= 1))
    throw new RangeError(`credit must lie in [0, 1], got ${credit}`);
  return credit;
}

/** Sorts per-topic results in place by topic (code-unit order, the same on every machine). */
export function sortByTopic<T extends { topic: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}
