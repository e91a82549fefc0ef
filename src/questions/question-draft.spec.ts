import { validateQuestionDraft, type QuestionDraft } from './question-draft';

const citation = {
  chunkId: 'c1',
  chunkIndex: 0,
  page: 2,
  start: 10,
  end: 30,
  snippet: 'Chlorophyll is green.',
};
citation.end = citation.start + citation.snippet.length;

const singleChoice: QuestionDraft = {
  type: 'single-choice',
  stem: 'Which pigment makes leaves green?',
  choices: [
    { id: 'a', text: 'Glucose' },
    { id: 'b', text: 'Chlorophyll' },
    { id: 'c', text: 'Oxygen' },
  ],
  correctChoiceIds: ['b'],
  difficulty: 0.4,
  topic: 'chlorophyll',
  explanation: 'The text says so.',
  citation,
};

const shortAnswer: QuestionDraft = {
  type: 'short-answer',
  stem: 'Fill in the blank: _____ is green.',
  answer: 'Chlorophyll',
  acceptedAnswers: ['Chlorophyll', 'chlorophyll'],
  difficulty: 0.7,
  topic: 'chlorophyll',
  explanation: '',
  citation,
};

function fieldsOf(value: unknown, requireCitation = true): string[] {
  return validateQuestionDraft(value, { requireCitation }).map((error) => error.field);
}

describe('validateQuestionDraft', () => {
  it('accepts valid drafts of every type', () => {
    const trueFalse = {
      ...singleChoice,
      type: 'true-false',
      choices: [
        { id: 'a', text: 'True' },
        { id: 'b', text: 'False' },
      ],
      correctChoiceIds: ['b'],
    };
    const multiple = { ...singleChoice, type: 'multiple-choice', correctChoiceIds: ['a', 'b'] };
    for (const draft of [singleChoice, shortAnswer, trueFalse, multiple])
      expect(validateQuestionDraft(draft)).toEqual([]);
  });

  it('rejects what is not a draft at all', () => {
    expect(fieldsOf(null)).toEqual(['']);
    expect(fieldsOf({ ...singleChoice, type: 'essay' })).toEqual(['type']);
  });

  it('requires exactly one correct choice for single-choice and at least one for multiple-choice', () => {
    expect(fieldsOf({ ...singleChoice, correctChoiceIds: ['a', 'b'] })).toEqual([
      'correctChoiceIds',
    ]);
    expect(fieldsOf({ ...singleChoice, type: 'multiple-choice', correctChoiceIds: [] })).toEqual([
      'correctChoiceIds',
    ]);
    expect(fieldsOf({ ...singleChoice, correctChoiceIds: ['z'] })).toEqual(['correctChoiceIds']);
    expect(
      fieldsOf({ ...singleChoice, type: 'multiple-choice', correctChoiceIds: ['a', 'a'] }),
    ).toEqual(['correctChoiceIds']);
  });

  it('requires unique, positionally named, single-line choices', () => {
    const duplicate = [
      { id: 'a', text: 'Oxygen' },
      { id: 'b', text: ' oxygen ' },
    ];
    expect(fieldsOf({ ...singleChoice, choices: duplicate, correctChoiceIds: ['a'] })).toEqual([
      'choices',
    ]);
    const misnamed = [
      { id: 'a', text: 'Oxygen' },
      { id: 'x', text: 'Water' },
    ];
    expect(fieldsOf({ ...singleChoice, choices: misnamed, correctChoiceIds: ['a'] })).toEqual([
      'choices[1].id',
    ]);
    const twoLines = [
      { id: 'a', text: 'Oxy\ngen' },
      { id: 'b', text: 'Water' },
    ];
    expect(fieldsOf({ ...singleChoice, choices: twoLines, correctChoiceIds: ['a'] })).toEqual([
      'choices[0].text',
    ]);
    expect(
      fieldsOf({ ...singleChoice, choices: [{ id: 'a', text: 'Only' }], correctChoiceIds: ['a'] }),
    ).toEqual(['choices']);
  });

  it('requires true-false questions to offer exactly True and False', () => {
    const reversed = {
      ...singleChoice,
      type: 'true-false',
      choices: [
        { id: 'a', text: 'False' },
        { id: 'b', text: 'True' },
      ],
      correctChoiceIds: ['a'],
    };
    expect(fieldsOf(reversed)).toEqual(['choices']);
  });

  it('requires an answer for short-answer questions and no choices', () => {
    expect(fieldsOf({ ...shortAnswer, answer: '  ' })).toEqual(['answer']);
    expect(fieldsOf({ ...shortAnswer, acceptedAnswers: [] })).toEqual(['acceptedAnswers']);
    expect(fieldsOf({ ...shortAnswer, choices: singleChoice.choices })).toEqual(['choices']);
    expect(fieldsOf({ ...singleChoice, answer: 'Chlorophyll' })).toEqual(['answer']);
  });

  it('requires a consistent citation unless told otherwise', () => {
    const { citation: _omitted, ...withoutCitation } = shortAnswer;
    expect(fieldsOf(withoutCitation)).toEqual(['citation']);
    expect(fieldsOf(withoutCitation, false)).toEqual([]);
    expect(fieldsOf({ ...shortAnswer, citation: { ...citation, end: citation.end + 1 } })).toEqual([
      'citation.end',
    ]);
    expect(fieldsOf({ ...shortAnswer, citation: { ...citation, page: 0 } })).toEqual([
      'citation.page',
    ]);
  });

  it('checks difficulty, stem and NUL characters', () => {
    expect(fieldsOf({ ...shortAnswer, difficulty: 1.5 })).toEqual(['difficulty']);
    expect(fieldsOf({ ...shortAnswer, difficulty: Number.NaN })).toEqual(['difficulty']);
    expect(fieldsOf({ ...shortAnswer, stem: '' })).toEqual(['stem']);
    expect(fieldsOf({ ...shortAnswer, topic: 'a\u0000b' })).toEqual(['topic']);
  });
});
