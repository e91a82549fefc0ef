import type { BankQuestion } from './bank-question';
import { parseQuestionsJson, toQuestionsJson } from './json-import';

const question: BankQuestion = {
  type: 'true-false',
  stem: 'True or false: The Bastille fell on 14 July 1789.',
  choices: [
    { id: 'a', text: 'True' },
    { id: 'b', text: 'False' },
  ],
  correctChoiceIds: ['a'],
  difficulty: 0.2,
  topic: 'Bastille',
  explanation: 'The text says so.',
};

describe('parseQuestionsJson', () => {
  it('round-trips an exported bank and accepts a bare array', () => {
    expect(parseQuestionsJson(toQuestionsJson([question]))).toEqual({
      questions: [question],
      errors: [],
    });
    expect(parseQuestionsJson(JSON.stringify([question])).questions).toEqual([question]);
  });

  it('drops unknown fields', () => {
    const result = parseQuestionsJson(
      JSON.stringify([{ ...question, id: 'q1', owner: 'someone' }]),
    );
    expect(result.questions).toEqual([question]);
  });

  it('reports each invalid item by its position', () => {
    const items = [
      question,
      { ...question, correctChoiceIds: ['c'] },
      { ...question, type: 'essay' },
      'nonsense',
    ];
    expect(parseQuestionsJson(JSON.stringify({ questions: items }))).toEqual({
      questions: [question],
      errors: [
        { row: 2, field: 'correctChoiceIds', message: 'must only name ids of the choices' },
        {
          row: 3,
          field: 'type',
          message: 'must be one of single-choice, multiple-choice, true-false, short-answer',
        },
        { row: 4, field: '', message: 'must be an object' },
      ],
    });
  });

  it('reports a malformed file', () => {
    expect(parseQuestionsJson('{"questions": [').errors[0]).toMatchObject({
      row: 0,
      message: expect.stringMatching(/^is not valid JSON/),
    });
    expect(parseQuestionsJson('{"items": []}').errors).toEqual([
      {
        row: 0,
        field: '',
        message: 'must be an array of questions or an object with a "questions" array',
      },
    ]);
  });
});
