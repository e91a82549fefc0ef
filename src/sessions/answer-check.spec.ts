import { AnswerShapeError, checkAnswer, gradeAnswer, QuestionKey } from './answer-check';

const single: QuestionKey = {
  id: 'q1',
  type: 'single-choice',
  choices: [
    { id: 'a', text: 'Paris' },
    { id: 'b', text: 'Lyon' },
  ],
  correctChoiceIds: ['a'],
  answer: null,
  acceptedAnswers: [],
};
const multiple: QuestionKey = {
  ...single,
  id: 'q2',
  type: 'multiple-choice',
  choices: [
    { id: 'a', text: 'H2O' },
    { id: 'b', text: 'CO2' },
    { id: 'c', text: 'O2' },
    { id: 'd', text: 'NaCl' },
  ],
  correctChoiceIds: ['a', 'b', 'c'],
};
const trueFalse: QuestionKey = {
  ...single,
  id: 'q3',
  type: 'true-false',
  choices: [
    { id: 't', text: 'True' },
    { id: 'f', text: 'False' },
  ],
  correctChoiceIds: ['f'],
};
const short: QuestionKey = {
  ...single,
  id: 'q4',
  type: 'short-answer',
  choices: [],
  correctChoiceIds: [],
  answer: 'Photosynthèse',
  acceptedAnswers: ['photo-synthesis'],
};

const shapeError = (question: QuestionKey, given: object) => {
  try {
    checkAnswer(question, given);
  } catch (error) {
    expect(error).toBeInstanceOf(AnswerShapeError);
    return (error as Error).message;
  }
  throw new Error('expected an AnswerShapeError');
};

describe('checkAnswer', () => {
  it('accepts the field each type expects and fills the others with empties', () => {
    expect(checkAnswer(single, { choiceIds: ['b'] })).toEqual({
      choiceIds: ['b'],
      text: null,
      value: null,
    });
    expect(checkAnswer(multiple, { choiceIds: [] })).toEqual({
      choiceIds: [],
      text: null,
      value: null,
    });
    expect(checkAnswer(short, { text: ' x ' })).toEqual({
      choiceIds: [],
      text: ' x ',
      value: null,
    });
  });

  it('maps a true/false value to the True or False option, and an option id to its value', () => {
    expect(checkAnswer(trueFalse, { value: false })).toEqual({
      choiceIds: ['f'],
      text: null,
      value: false,
    });
    expect(checkAnswer(trueFalse, { choiceIds: ['t'] })).toEqual({
      choiceIds: ['t'],
      text: null,
      value: true,
    });
  });

  it('refuses the wrong field for the type, naming what is expected', () => {
    expect(shapeError(single, { text: 'Paris' })).toBe(
      'Wrong answer type: question q1 is single-choice and expects `choiceIds` with exactly one option id',
    );
    expect(shapeError(short, { choiceIds: ['a'] })).toMatch(/short-answer and expects `text`/);
    expect(shapeError(multiple, { value: true })).toMatch(/Wrong answer type/);
    expect(shapeError(trueFalse, { text: 'true' })).toMatch(/true-false and expects `value`/);
  });

  it('refuses no answer, two answer fields, unknown or repeated options, and several picks for single choice', () => {
    expect(shapeError(single, {})).toMatch(/^No answer given/);
    expect(shapeError(single, { choiceIds: ['a'], text: 'a' })).toMatch(/^Give one answer field/);
    expect(shapeError(single, { choiceIds: ['z'] })).toMatch(/^Unknown option id "z"/);
    expect(shapeError(single, { choiceIds: ['a', 'b'] })).toMatch(/^Select exactly one option/);
    expect(shapeError(multiple, { choiceIds: ['a', 'a'] })).toMatch(/^An option is selected twice/);
  });

  it('refuses a boolean for a true/false question without True and False options', () => {
    const odd = {
      ...trueFalse,
      choices: [
        { id: 'y', text: 'Yes' },
        { id: 'n', text: 'No' },
      ],
      correctChoiceIds: ['y'],
    };
    expect(shapeError(odd, { value: true })).toMatch(/no True and False options/);
    const checked = checkAnswer(odd, { choiceIds: ['y'] });
    expect(checked.value).toBeNull();
    expect(gradeAnswer(odd, checked, 'all-or-nothing')).toEqual({ correct: true, credit: 1 });
  });
});

describe('gradeAnswer', () => {
  it('grades single choice and true/false exactly', () => {
    expect(gradeAnswer(single, checkAnswer(single, { choiceIds: ['a'] }), 'partial')).toEqual({
      correct: true,
      credit: 1,
    });
    expect(gradeAnswer(single, checkAnswer(single, { choiceIds: ['b'] }), 'partial')).toEqual({
      correct: false,
      credit: 0,
    });
    expect(
      gradeAnswer(trueFalse, checkAnswer(trueFalse, { value: false }), 'partial').correct,
    ).toBe(true);
    expect(
      gradeAnswer(trueFalse, checkAnswer(trueFalse, { choiceIds: ['t'] }), 'partial').correct,
    ).toBe(false);
  });

  it('grades multiple choice under the session policy', () => {
    const twoRight = checkAnswer(multiple, { choiceIds: ['a', 'b'] });
    expect(gradeAnswer(multiple, twoRight, 'all-or-nothing')).toEqual({
      correct: false,
      credit: 0,
    });
    expect(gradeAnswer(multiple, twoRight, 'partial').credit).toBeCloseTo(2 / 3, 12);
    const twoRightOneWrong = checkAnswer(multiple, { choiceIds: ['a', 'b', 'd'] });
    expect(gradeAnswer(multiple, twoRightOneWrong, 'partial').credit).toBeCloseTo(1 / 3, 12);
    const exact = checkAnswer(multiple, { choiceIds: ['c', 'b', 'a'] });
    expect(gradeAnswer(multiple, exact, 'all-or-nothing')).toEqual({ correct: true, credit: 1 });
  });

  it('grades short answers by normalised match against the answer and the alternatives', () => {
    const grade = (text: string) =>
      gradeAnswer(short, checkAnswer(short, { text }), 'partial').correct;
    expect(grade('  PHOTOSYNTHESE. ')).toBe(true);
    expect(grade('photo synthesis')).toBe(true);
    expect(grade('respiration')).toBe(false);
    expect(grade('')).toBe(false);
  });
});
