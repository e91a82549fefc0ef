import { validateQuestionDraft, type Citation, type QuestionDraft } from './question-draft';

/** A question in an exported bank: a draft whose source citation is optional. */
export type BankQuestion = Omit<QuestionDraft, 'citation'> & { citation?: Citation };

/** One problem in an imported file; `row` counts questions from 1 (0 for the file as a whole). */
export interface ImportError {
  row: number;
  field: string;
  message: string;
}

export interface ImportResult {
  /** The valid questions, in file order; the caller decides whether any error voids the import. */
  questions: BankQuestion[];
  errors: ImportError[];
}

const BANK_RULES = { requireCitation: false };

/** Validates one imported item and keeps only the fields of a bank question. */
export function readBankQuestion(value: unknown, row: number): ImportResult {
  if (isBankQuestion(value)) return { questions: [copyBankQuestion(value)], errors: [] };
  const errors = validateQuestionDraft(value, BANK_RULES).map((error) => ({ row, ...error }));
  return { questions: [], errors };
}

/** A problem with the file as a whole. */
export function fileError(field: string, message: string): ImportResult {
  return { questions: [], errors: [{ row: 0, field, message }] };
}

export function mergeResults(results: readonly ImportResult[]): ImportResult {
  return {
    questions: results.flatMap((result) => result.questions),
    errors: results.flatMap((result) => result.errors),
  };
}

function isBankQuestion(value: unknown): value is BankQuestion {
  return validateQuestionDraft(value, BANK_RULES).length === 0;
}

function copyBankQuestion(question: BankQuestion): BankQuestion {
  const { citation } = question;
  return {
    type: question.type,
    stem: question.stem,
    ...(question.choices && { choices: question.choices.map(({ id, text }) => ({ id, text })) }),
    ...(question.correctChoiceIds && { correctChoiceIds: [...question.correctChoiceIds] }),
    ...(question.answer !== undefined && { answer: question.answer }),
    ...(question.acceptedAnswers && { acceptedAnswers: [...question.acceptedAnswers] }),
    difficulty: question.difficulty,
    topic: question.topic,
    explanation: question.explanation,
    ...(citation && {
      citation: {
        chunkId: citation.chunkId,
        chunkIndex: citation.chunkIndex,
        page: citation.page,
        start: citation.start,
        end: citation.end,
        snippet: citation.snippet,
      },
    }),
  };
}
