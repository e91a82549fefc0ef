import { parseQuestionInput } from './question-input';

const valid = {
  type: 'single-choice',
  stem: '  Which pigment makes leaves green? ',
  choices: [
    { id: 'a', text: 'Glucose' },
    { id: 'b', text: ' Chlorophyll ' },
  ],
  correctChoiceIds: ['b'],
  topic: 'pigments',
};

const fields = (raw: unknown) => parseQuestionInput(raw).errors.map((e) => e.field);

describe('parseQuestionInput', () => {
  it('normalises a valid question with defaults', () => {
    const { value, errors } = parseQuestionInput(valid);
    expect(errors).toEqual([]);
    expect(value).toEqual({
      documentId: null,
      citation: null,
      content: {
        type: 'single-choice',
        stem: 'Which pigment makes leaves green?',
        choices: [
          { id: 'a', text: 'Glucose' },
          { id: 'b', text: 'Chlorophyll' },
        ],
        correctChoiceIds: ['b'],
        answer: null,
        acceptedAnswers: [],
        topic: 'pigments',
        difficulty: 0.5,
        explanation: '',
      },
    });
  });

  it('keeps the answer first among accepted answers, without repeats', () => {
    const { value } = parseQuestionInput({
      type: 'short-answer',
      stem: 'Green pigment?',
      answer: 'Chlorophyll',
      acceptedAnswers: ['Chlorophyll ', 'chlorophyl'],
      topic: 'pigments',
      choices: [],
      correctChoiceIds: [],
    });
    expect(value?.content).toMatchObject({
      answer: 'Chlorophyll',
      acceptedAnswers: ['Chlorophyll', 'chlorophyl'],
      choices: [],
    });
  });

  it('enforces the choice rules', () => {
    expect(
      fields({
        ...valid,
        choices: [
          { id: 'a', text: 'Same' },
          { id: 'b', text: 'same' },
        ],
      }),
    ).toContain('choices');
    expect(fields({ ...valid, correctChoiceIds: ['a', 'b'] })).toContain('correctChoiceIds');
    expect(fields({ ...valid, type: 'multiple-choice', correctChoiceIds: [] })).toContain(
      'correctChoiceIds',
    );
    expect(fields({ ...valid, type: 'multiple-choice', correctChoiceIds: ['a', 'b'] })).toEqual([]);
    expect(fields({ ...valid, answer: 'Chlorophyll' })).toContain('answer');
  });

  it('rejects unknown fields but ignores the read-only fields of an export', () => {
    expect(fields({ ...valid, colour: 'green' })).toEqual(['colour']);
    expect(fields({ ...valid, id: 'x', version: 3, answerCount: 2, correctCount: 1 })).toEqual([]);
  });

  it('checks the citation shape and requires a document for it', () => {
    const citation = {
      chunkId: 'a'.repeat(24),
      snippet: 'Chlorophyll is green.',
      start: 4,
      end: 25,
    };
    expect(fields({ ...valid, citation })).toEqual(['documentId']);
    expect(fields({ ...valid, documentId: 'b'.repeat(24), citation })).toEqual([]);
    expect(
      fields({ ...valid, documentId: 'b'.repeat(24), citation: { ...citation, chunkId: 'nope' } }),
    ).toEqual(['citation.chunkId']);
    expect(
      fields({ ...valid, documentId: 'b'.repeat(24), citation: { ...citation, start: -1 } }),
    ).toEqual(['citation.start']);
    expect(fields({ ...valid, documentId: 'not-an-id' })).toEqual(['documentId']);
  });

  it('rejects what is not an object', () => {
    expect(fields('question')).toEqual(['']);
    expect(fields(null)).toEqual(['']);
  });
});
