import type { QuestionView } from '../questions/question.types';
import {
  gradeMultipleChoice,
  gradeShortAnswer,
  gradeSingleChoice,
  gradeTrueFalse,
  GradeResult,
  MultipleChoicePolicy,
  normaliseAnswer,
} from './grading';

/** The answer key and type of a question: what grading needs. */
export type QuestionKey = Pick<
  QuestionView,
  'id' | 'type' | 'choices' | 'correctChoiceIds' | 'answer' | 'acceptedAnswers'
>;

/** An answer as the client sends it: one of the three fields, depending on the question type. */
export interface GivenAnswer {
  choiceIds?: string[];
  text?: string;
  value?: boolean;
}

/** An answer as stored: all three fields, the unused ones empty. */
export interface CheckedAnswer {
  choiceIds: string[];
  text: string | null;
  value: boolean | null;
}

/** The answer does not fit the question (wrong field for the type, unknown option ids). */
export class AnswerShapeError extends Error {}

const EXPECTED: Record<QuestionKey['type'], string> = {
  'single-choice': '`choiceIds` with exactly one option id',
  'multiple-choice': '`choiceIds` with the selected option ids (possibly none)',
  'true-false': '`value` (true or false) or `choiceIds` with exactly one option id',
  'short-answer': '`text`',
};

/**
 * Checks that an answer fits its question and returns the form that is stored and graded. Throws
 * {@link AnswerShapeError} with a message naming the expected field.
 */
export function checkAnswer(question: QuestionKey, given: GivenAnswer): CheckedAnswer {
  const fields = (['choiceIds', 'text', 'value'] as const).filter((f) => given[f] !== undefined);
  const fail = (why: string): never => {
    throw new AnswerShapeError(
      `${why}: question ${question.id} is ${question.type} and expects ${EXPECTED[question.type]}`,
    );
  };
  if (fields.length !== 1) fail(fields.length === 0 ? 'No answer given' : 'Give one answer field');
  switch (question.type) {
    case 'short-answer':
      if (given.text === undefined) fail('Wrong answer type');
      return { choiceIds: [], text: given.text!, value: null };
    case 'multiple-choice':
      if (given.choiceIds === undefined) fail('Wrong answer type');
      return { choiceIds: knownChoices(question, given.choiceIds!, fail), text: null, value: null };
    case 'single-choice':
      if (given.choiceIds === undefined) fail('Wrong answer type');
      if (given.choiceIds!.length !== 1) fail('Select exactly one option');
      return { choiceIds: knownChoices(question, given.choiceIds!, fail), text: null, value: null };
    case 'true-false': {
      const booleans = trueFalseChoices(question);
      if (given.value !== undefined) {
        if (!booleans) fail('This true/false question has no True and False options to match');
        const choiceId = given.value ? booleans!.trueId : booleans!.falseId;
        return { choiceIds: [choiceId], text: null, value: given.value };
      }
      if (given.choiceIds === undefined) fail('Wrong answer type');
      if (given.choiceIds!.length !== 1) fail('Select exactly one option');
      const [choiceId] = knownChoices(question, given.choiceIds!, fail);
      const value = booleans ? choiceId === booleans.trueId : null;
      return { choiceIds: [choiceId], text: null, value };
    }
  }
}

/** Grades a checked answer with the pure graders (multiple choice under the session's policy). */
export function gradeAnswer(
  question: QuestionKey,
  answer: CheckedAnswer,
  policy: MultipleChoicePolicy,
): GradeResult {
  switch (question.type) {
    case 'short-answer':
      return gradeShortAnswer(answer.text ?? '', {
        answer: question.answer ?? '',
        alternatives: question.acceptedAnswers,
      });
    case 'multiple-choice':
      return gradeMultipleChoice(answer.choiceIds, question.correctChoiceIds, policy);
    case 'single-choice':
      return gradeSingleChoice(answer.choiceIds[0] ?? null, question.correctChoiceIds[0] ?? '');
    case 'true-false': {
      const booleans = trueFalseChoices(question);
      const correctId = question.correctChoiceIds[0] ?? '';
      if (booleans && answer.value !== null)
        return gradeTrueFalse(answer.value, correctId === booleans.trueId);
      return gradeSingleChoice(answer.choiceIds[0] ?? null, correctId);
    }
  }
}

function knownChoices(
  question: QuestionKey,
  ids: string[],
  fail: (why: string) => never,
): string[] {
  const known = new Set(question.choices.map((choice) => choice.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) fail(`Unknown option id ${JSON.stringify(unknown[0])}`);
  if (new Set(ids).size !== ids.length) fail('An option is selected twice');
  return [...ids];
}

/** The ids of the options reading "True" and "False" (after answer normalisation), if both exist. */
function trueFalseChoices(question: QuestionKey): { trueId: string; falseId: string } | null {
  const find = (word: string) =>
    question.choices.find((choice) => normaliseAnswer(choice.text) === word)?.id;
  const trueId = find('true');
  const falseId = find('false');
  return trueId && falseId ? { trueId, falseId } : null;
}
