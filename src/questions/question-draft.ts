import { comparisonKey } from '../common/text/normalize';

/**
 * A generated (or imported) question before it is stored, shared by every generation provider.
 * Choice ids are positional letters ("a", "b", …) so answer keys, CSV columns and banks line up.
 */
export const QUESTION_TYPES = [
  'single-choice',
  'multiple-choice',
  'true-false',
  'short-answer',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const CHOICE_IDS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export const MAX_CHOICES = CHOICE_IDS.length;
export const TRUE_FALSE_CHOICES: readonly Choice[] = [
  { id: 'a', text: 'True' },
  { id: 'b', text: 'False' },
];

export interface Choice {
  id: string;
  text: string;
}

/**
 * Where a question comes from. `start`/`end` index the document text (the pages joined as in
 * `documentText`), so `snippet === documentText.slice(start, end)`, and the snippet lies inside
 * the chunk.
 */
export interface Citation {
  chunkId: string;
  chunkIndex: number;
  page: number;
  start: number;
  end: number;
  snippet: string;
}

export interface QuestionDraft {
  type: QuestionType;
  stem: string;
  choices?: Choice[];
  correctChoiceIds?: string[];
  /** Short answer: the expected answer, and every answer to accept (compared case-insensitively). */
  answer?: string;
  acceptedAnswers?: string[];
  /** 0 (easiest) to 1 (hardest); levels from `difficultyLevel` in common/stats. */
  difficulty: number;
  topic: string;
  explanation: string;
  citation: Citation;
}

export interface DraftError {
  field: string;
  message: string;
}

export interface DraftValidationOptions {
  /** Imported questions may come without a source; generated ones never do. */
  requireCitation: boolean;
}

const LIMITS = {
  stem: 2000,
  choice: 500,
  answer: 200,
  topic: 200,
  explanation: 4000,
  snippet: 5000,
};

/** Checks the shape and the rules of a draft; an empty list means it is a valid QuestionDraft. */
export function validateQuestionDraft(
  value: unknown,
  options: Partial<DraftValidationOptions> = {},
): DraftError[] {
  if (!isRecord(value)) return [{ field: '', message: 'must be an object' }];
  const type = value.type;
  if (!isQuestionType(type)) {
    return [{ field: 'type', message: `must be one of ${QUESTION_TYPES.join(', ')}` }];
  }
  return [
    ...checkText('stem', value.stem, LIMITS.stem),
    ...checkDifficulty(value.difficulty),
    ...checkText('topic', value.topic, LIMITS.topic),
    ...checkText('explanation', value.explanation, LIMITS.explanation, {
      allowEmpty: true,
      multiline: true,
    }),
    ...checkCitation(value.citation, options.requireCitation ?? true),
    ...(type === 'short-answer' ? checkShortAnswer(value) : checkChoiceQuestion(type, value)),
  ];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isQuestionType(value: unknown): value is QuestionType {
  return QUESTION_TYPES.some((type) => type === value);
}

interface TextRules {
  allowEmpty?: boolean;
  multiline?: boolean;
}

function checkText(
  field: string,
  value: unknown,
  maxLength: number,
  rules: TextRules = {},
): DraftError[] {
  if (typeof value !== 'string') return [{ field, message: 'must be a string' }];
  if (!rules.allowEmpty && value.trim() === '') return [{ field, message: 'must not be empty' }];
  if (value.length > maxLength)
    return [{ field, message: `must be at most ${maxLength} characters` }];
  if (value.includes('\u0000')) return [{ field, message: 'must not contain NUL characters' }];
  if (!rules.multiline && /[\r\n]/.test(value))
    return [{ field, message: 'must be a single line' }];
  return [];
}

function checkDifficulty(value: unknown): DraftError[] {
  const valid = typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
  return valid ? [] : [{ field: 'difficulty', message: 'must be a number from 0 to 1' }];
}

function checkCitation(value: unknown, required: boolean): DraftError[] {
  if (value === undefined) return required ? [{ field: 'citation', message: 'is required' }] : [];
  if (!isRecord(value)) return [{ field: 'citation', message: 'must be an object' }];
  const errors = [
    ...checkText('citation.chunkId', value.chunkId, 100),
    ...checkInteger('citation.chunkIndex', value.chunkIndex, 0),
    ...checkInteger('citation.page', value.page, 1),
    ...checkInteger('citation.start', value.start, 0),
    ...checkInteger('citation.end', value.end, 0),
    ...checkText('citation.snippet', value.snippet, LIMITS.snippet, { multiline: true }),
  ];
  const { start, end, snippet } = value;
  const lengthMatches =
    typeof start === 'number' && typeof end === 'number' && end - start === String(snippet).length;
  if (errors.length > 0 || lengthMatches) return errors;
  return [{ field: 'citation.end', message: 'end - start must equal the snippet length' }];
}

function checkInteger(field: string, value: unknown, min: number): DraftError[] {
  return typeof value === 'number' && Number.isInteger(value) && value >= min
    ? []
    : [{ field, message: `must be an integer of at least ${min}` }];
}

function checkShortAnswer(value: Record<string, unknown>): DraftError[] {
  const errors = [
    ...checkAbsent(value, 'choices', 'short-answer'),
    ...checkAbsent(value, 'correctChoiceIds', 'short-answer'),
    ...checkText('answer', value.answer, LIMITS.answer),
  ];
  const accepted = value.acceptedAnswers;
  if (accepted === undefined) return errors;
  if (!Array.isArray(accepted) || accepted.length === 0) {
    return [
      ...errors,
      { field: 'acceptedAnswers', message: 'must be a non-empty list when present' },
    ];
  }
  return [
    ...errors,
    ...accepted.flatMap((answer, i) => checkText(`acceptedAnswers[${i}]`, answer, LIMITS.answer)),
  ];
}

function checkChoiceQuestion(
  type: Exclude<QuestionType, 'short-answer'>,
  value: Record<string, unknown>,
): DraftError[] {
  const shapeErrors = [
    ...checkAbsent(value, 'answer', type),
    ...checkAbsent(value, 'acceptedAnswers', type),
    ...checkChoices(value.choices),
  ];
  if (shapeErrors.length > 0 || !isChoiceList(value.choices)) return shapeErrors;
  return [
    ...checkCorrectIds(value.correctChoiceIds, value.choices, type),
    ...checkTrueFalse(type, value.choices),
  ];
}

function isChoiceList(value: unknown): value is Choice[] {
  return (
    Array.isArray(value) &&
    value.every(
      (choice) =>
        isRecord(choice) && typeof choice.id === 'string' && typeof choice.text === 'string',
    )
  );
}

function checkAbsent(
  value: Record<string, unknown>,
  field: string,
  type: QuestionType,
): DraftError[] {
  return value[field] === undefined
    ? []
    : [{ field, message: `must not be set for ${type} questions` }];
}

function checkChoices(value: unknown): DraftError[] {
  if (!Array.isArray(value) || value.length < 2 || value.length > MAX_CHOICES) {
    return [{ field: 'choices', message: `must be a list of 2 to ${MAX_CHOICES} choices` }];
  }
  const errors = value.flatMap((choice: unknown, i) => checkChoice(choice, i));
  if (errors.length > 0 || !isChoiceList(value)) return errors;
  const keys = value.map((choice) => comparisonKey(choice.text));
  return new Set(keys).size === keys.length
    ? []
    : [{ field: 'choices', message: 'must all be different' }];
}

function checkChoice(choice: unknown, index: number): DraftError[] {
  const field = `choices[${index}]`;
  if (!isRecord(choice)) return [{ field, message: 'must be an object with id and text' }];
  const idErrors =
    choice.id === CHOICE_IDS[index]
      ? []
      : [{ field: `${field}.id`, message: `must be "${CHOICE_IDS[index]}"` }];
  return [...idErrors, ...checkText(`${field}.text`, choice.text, LIMITS.choice)];
}

function checkCorrectIds(
  value: unknown,
  choices: readonly Choice[],
  type: QuestionType,
): DraftError[] {
  const field = 'correctChoiceIds';
  if (!Array.isArray(value) || value.length === 0)
    return [{ field, message: 'must list at least one choice id' }];
  const ids = new Set(choices.map((choice) => choice.id));
  if (!value.every((id) => typeof id === 'string' && ids.has(id))) {
    return [{ field, message: 'must only name ids of the choices' }];
  }
  if (new Set(value).size !== value.length) return [{ field, message: 'must not repeat an id' }];
  if (type !== 'multiple-choice' && value.length !== 1) {
    return [{ field, message: `must name exactly one choice for ${type} questions` }];
  }
  return [];
}

function checkTrueFalse(type: QuestionType, choices: readonly Choice[]): DraftError[] {
  if (type !== 'true-false') return [];
  const exact =
    choices.length === TRUE_FALSE_CHOICES.length &&
    choices.every((choice, i) => choice.text === TRUE_FALSE_CHOICES[i].text);
  return exact ? [] : [{ field: 'choices', message: 'must be exactly "True" (a) and "False" (b)' }];
}
