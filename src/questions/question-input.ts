import { validateQuestionDraft, type DraftError } from './question-draft';
import { isObjectIdHex } from '../common/validation';
import { QUESTION_TYPES, type QuestionContent, type QuestionType } from './question.types';

/** A citation as written by a client or an import file; the service checks it against the document. */
export interface CitationInput {
  chunkId: string;
  snippet: string;
  start?: number;
  end?: number;
}

/** A question as created, edited, imported or exported (the portable part of a question). */
export interface QuestionInput {
  documentId: string | null;
  content: Omit<QuestionContent, 'citation'>;
  citation: CitationInput | null;
}

/** The fields of a portable question, in export order. */
export const PORTABLE_FIELDS = [
  'type',
  'stem',
  'choices',
  'correctChoiceIds',
  'answer',
  'acceptedAnswers',
  'topic',
  'difficulty',
  'explanation',
  'documentId',
  'citation',
] as const;

// Present in exports of full question views; ignored on import.
const READ_ONLY_FIELDS = new Set([
  'id',
  'ownerId',
  'version',
  'answerCount',
  'correctCount',
  'source',
  'createdAt',
  'updatedAt',
  'usedInTests',
]);

export const DEFAULT_DIFFICULTY = 0.5;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks an untrusted question (request body, import row) against the question rules: known type, unique
 * choices with positional ids (a, b, …), exactly one correct choice for single-choice and true/false, at
 * least one for multiple-choice, an answer for short-answer. Returns the normalised input or the errors.
 */
export function parseQuestionInput(raw: unknown): { value?: QuestionInput; errors: DraftError[] } {
  if (!isRecord(raw)) return { errors: [{ field: '', message: 'must be an object' }] };
  const unknown = Object.keys(raw).filter(
    (key) => !(PORTABLE_FIELDS as readonly string[]).includes(key) && !READ_ONLY_FIELDS.has(key),
  );
  const errors: DraftError[] = unknown.map((field) => ({
    field,
    message: 'is not a question field',
  }));
  const type = raw.type as QuestionType;
  const choiceType = type !== 'short-answer';
  const draft: Record<string, unknown> = {
    type: raw.type,
    stem: trimmed(raw.stem),
    difficulty: raw.difficulty ?? DEFAULT_DIFFICULTY,
    topic: trimmed(raw.topic),
    explanation: trimmed(raw.explanation) ?? '',
  };
  if (choiceType) {
    draft.choices = Array.isArray(raw.choices)
      ? raw.choices.map((c) => (isRecord(c) ? { ...c, text: trimmed(c.text) } : c))
      : raw.choices;
    draft.correctChoiceIds = raw.correctChoiceIds;
    if (present(raw.answer)) draft.answer = raw.answer;
    if (isNonEmptyList(raw.acceptedAnswers)) draft.acceptedAnswers = raw.acceptedAnswers;
  } else {
    draft.answer = trimmed(raw.answer);
    if (present(raw.acceptedAnswers) && !isEmptyList(raw.acceptedAnswers))
      draft.acceptedAnswers = Array.isArray(raw.acceptedAnswers)
        ? raw.acceptedAnswers.map(trimmed)
        : raw.acceptedAnswers;
    if (present(raw.choices) && !isEmptyList(raw.choices)) draft.choices = raw.choices;
    if (present(raw.correctChoiceIds) && !isEmptyList(raw.correctChoiceIds))
      draft.correctChoiceIds = raw.correctChoiceIds;
  }
  errors.push(...validateQuestionDraft(draft, { requireCitation: false }));
  const documentId = raw.documentId ?? null;
  if (documentId !== null && !isObjectIdHex(documentId))
    errors.push({ field: 'documentId', message: 'must be a document id or null' });
  const citation = parseCitation(raw.citation, errors);
  if (citation && documentId === null)
    errors.push({ field: 'documentId', message: 'is required when a citation is given' });
  if (errors.length > 0 || !(QUESTION_TYPES as readonly string[]).includes(type)) return { errors };
  const answer = choiceType ? null : (draft.answer as string);
  return {
    errors: [],
    value: {
      documentId: documentId as string | null,
      citation,
      content: {
        type,
        stem: draft.stem as string,
        choices: choiceType
          ? (draft.choices as { id: string; text: string }[]).map((c) => ({
              id: c.id,
              text: c.text,
            }))
          : [],
        correctChoiceIds: choiceType ? [...(draft.correctChoiceIds as string[])] : [],
        answer,
        acceptedAnswers:
          answer === null
            ? []
            : uniqueAnswers([answer, ...((draft.acceptedAnswers as string[] | undefined) ?? [])]),
        topic: draft.topic as string,
        difficulty: draft.difficulty as number,
        explanation: draft.explanation as string,
      },
    },
  };
}

function parseCitation(raw: unknown, errors: DraftError[]): CitationInput | null {
  if (raw === undefined || raw === null) return null;
  if (!isRecord(raw)) {
    errors.push({ field: 'citation', message: 'must be an object or null' });
    return null;
  }
  const before = errors.length;
  if (!isObjectIdHex(raw.chunkId))
    errors.push({ field: 'citation.chunkId', message: 'must be a chunk id' });
  if (typeof raw.snippet !== 'string' || raw.snippet.trim() === '' || raw.snippet.length > 4000)
    errors.push({
      field: 'citation.snippet',
      message: 'must be a non-empty string of at most 4000 characters',
    });
  for (const field of ['start', 'end'] as const) {
    const value = raw[field];
    if (
      value !== undefined &&
      value !== null &&
      !(Number.isInteger(value) && (value as number) >= 0)
    )
      errors.push({ field: `citation.${field}`, message: 'must be a non-negative integer' });
  }
  if (errors.length > before) return null;
  return {
    chunkId: (raw.chunkId as string).toLowerCase(),
    snippet: raw.snippet as string,
    start: typeof raw.start === 'number' ? raw.start : undefined,
    end: typeof raw.end === 'number' ? raw.end : undefined,
  };
}

function trimmed(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

function isNonEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/** Drops empty and repeated answers (answers are compared without case when graded, but kept as written). */
function uniqueAnswers(answers: string[]): string[] {
  return [...new Set(answers.map((answer) => answer.trim()).filter((answer) => answer !== ''))];
}
