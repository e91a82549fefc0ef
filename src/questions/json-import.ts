import {
  fileError,
  mergeResults,
  readBankQuestion,
  type BankQuestion,
  type ImportResult,
} from './bank-question';

/** A bank as JSON: `{ "questions": [...] }`, each item a question draft (citation optional). */
export function toQuestionsJson(questions: readonly BankQuestion[]): string {
  return JSON.stringify({ questions }, null, 2);
}

/** Reads a JSON bank, either `{ "questions": [...] }` or a bare array, validating each item. */
export function parseQuestionsJson(text: string): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fileError(
      '',
      `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const items = Array.isArray(parsed) ? parsed : questionsOf(parsed);
  if (items === undefined)
    return fileError('', 'must be an array of questions or an object with a "questions" array');
  return mergeResults(items.map((item: unknown, i) => readBankQuestion(item, i + 1)));
}

function questionsOf(value: unknown): unknown[] | undefined {
  if (typeof value !== 'object' || value === null || !('questions' in value)) return undefined;
  return Array.isArray(value.questions) ? value.questions : undefined;
}
