import { comparisonKey } from '../common/text/normalize';

export interface EvidenceQuestion {
  type: string;
  choices?: { id: string; text: string }[];
  correctChoiceIds?: string[];
  answer?: string | null;
}

const contains = (haystack: string, needle: string): boolean => {
  const key = comparisonKey(needle);
  return key !== '' && ` ${comparisonKey(haystack)} `.includes(` ${key} `);
};

/**
 * Whether the cited snippet states the correct answer: the text of every correct choice, or the
 * short answer, occurs in it (as whole words, ignoring case, accents and punctuation). A true/false
 * answer is a verdict on the statement, so only a non-empty snippet is required.
 */
export function answerInSnippet(question: EvidenceQuestion, snippet: string): boolean {
  if (snippet.trim() === '') return false;
  if (question.type === 'true-false') return true;
  if (question.type === 'short-answer') return contains(snippet, question.answer ?? '');
  const correct = (question.choices ?? []).filter((c) => question.correctChoiceIds?.includes(c.id));
  return correct.length > 0 && correct.every((choice) => contains(snippet, choice.text));
}

/**
 * Finds a quote in a passage: exactly, else ignoring case and differences in whitespace. Returns the
 * offset in the passage and the passage's own text of the quote.
 */
export function locateQuote(
  passage: string,
  quote: string,
): { offset: number; text: string } | undefined {
  const trimmed = quote.trim();
  if (trimmed === '') return undefined;
  const exact = passage.indexOf(trimmed);
  if (exact >= 0) return { offset: exact, text: trimmed };
  const words = trimmed.split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const match = new RegExp(words.join('\\s+'), 'i').exec(passage);
  return match ? { offset: match.index, text: match[0] } : undefined;
}
