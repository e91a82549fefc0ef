import { draftsFromReply, explanationFromReply, parseJsonReply, passageMap } from './llm-reply';
import { MalformedReplyError } from './provider-errors';

const chunk = {
  id: 'c'.repeat(24),
  index: 3,
  page: 2,
  start: 1000,
  end: 1100,
  text: 'Evaporation is the first step of the cycle. The Sun heats the oceans and water turns into vapour.',
};
const passages = passageMap([chunk]);

const item = {
  type: 'single-choice',
  stem: 'What is the first step of the cycle?',
  choices: ['Condensation', 'Evaporation', 'Precipitation'],
  correct: [1],
  difficulty: 'easy',
  topic: 'evaporation',
  explanation: 'The text says so.',
  passage: 'P1',
  quote: 'Evaporation is the first step of the cycle.',
};

describe('parseJsonReply', () => {
  it('reads a plain object', () => {
    expect(parseJsonReply('{"questions": []}')).toEqual({ questions: [] });
  });

  it('repairs code fences, prose around the object and trailing commas', () => {
    expect(parseJsonReply('Sure! ```json\n{"questions": [1, 2,],}\n```')).toEqual({
      questions: [1, 2],
    });
  });

  it('throws MalformedReplyError when there is no object', () => {
    expect(() => parseJsonReply('I cannot help with that.')).toThrow(MalformedReplyError);
    expect(() => parseJsonReply('[1, 2]')).toThrow(MalformedReplyError);
  });
});

describe('draftsFromReply', () => {
  it('turns a valid item into a draft with an exact citation', () => {
    const { drafts, errors } = draftsFromReply({ questions: [item] }, passages);
    expect(errors).toEqual([]);
    expect(drafts[0]).toMatchObject({
      type: 'single-choice',
      choices: [
        { id: 'a', text: 'Condensation' },
        { id: 'b', text: 'Evaporation' },
        { id: 'c', text: 'Precipitation' },
      ],
      correctChoiceIds: ['b'],
      difficulty: 0.2,
      citation: {
        chunkId: chunk.id,
        chunkIndex: 3,
        page: 2,
        start: 1000,
        end: 1043,
        snippet: item.quote,
      },
    });
  });

  it('locates a quote that differs in case and spacing and cites the passage text', () => {
    const { drafts } = draftsFromReply(
      { questions: [{ ...item, quote: 'the sun heats  the oceans and water turns into vapour' }] },
      passages,
    );
    expect(drafts).toHaveLength(0);
    const shortAnswer = {
      type: 'short-answer',
      stem: 'What does water turn into?',
      answer: 'vapour',
      difficulty: 0.5,
      topic: 'evaporation',
      passage: 'P1',
      quote: 'the sun heats  the oceans and water turns into vapour',
    };
    const located = draftsFromReply({ questions: [shortAnswer] }, passages).drafts[0];
    expect(located.citation.snippet).toBe('The Sun heats the oceans and water turns into vapour');
    expect(located.citation.start).toBe(1000 + chunk.text.indexOf('The Sun'));
  });

  it('builds true/false choices from the answer', () => {
    const { drafts } = draftsFromReply(
      {
        questions: [
          {
            type: 'true-false',
            stem: 'The Sun heats the oceans.',
            answer: false,
            difficulty: 0.4,
            topic: 'sun',
            passage: 'P1',
            quote: 'The Sun heats the oceans',
          },
        ],
      },
      passages,
    );
    expect(drafts[0]).toMatchObject({
      choices: [{ text: 'True' }, { text: 'False' }],
      correctChoiceIds: ['b'],
    });
  });

  it('reports each broken item and keeps the others', () => {
    const { drafts, errors } = draftsFromReply(
      {
        questions: [
          item,
          { ...item, passage: 'P9' },
          { ...item, quote: 'Plants grow towards light.' },
          { ...item, correct: [0] },
          { ...item, choices: ['Evaporation', 'evaporation'] },
          { ...item, correct: [0, 1] },
          'not an object',
        ],
      },
      passages,
    );
    expect(drafts).toHaveLength(1);
    expect(errors).toEqual([
      'questions[1]: passage must be one of P1',
      'questions[2]: quote is not text of P1',
      'questions[3]: the quote does not contain the correct answer',
      expect.stringMatching(/^questions\[4\]: choices must all be different/),
      expect.stringMatching(/^questions\[5\]: correctChoiceIds must name exactly one choice/),
      'questions[6]: must be an object',
    ]);
  });

  it('needs a questions array', () => {
    expect(() => draftsFromReply({ items: [] }, passages)).toThrow(MalformedReplyError);
  });
});

describe('explanationFromReply', () => {
  it('locates the quotes', () => {
    const result = explanationFromReply(
      {
        explanation: 'Evaporation comes first.',
        quotes: [{ passage: 'P1', quote: 'the first step of the cycle' }],
      },
      passages,
    );
    expect(result).toEqual({
      text: 'Evaporation comes first.',
      citations: [
        {
          chunkId: chunk.id,
          page: 2,
          start: 1015,
          end: 1042,
          snippet: 'the first step of the cycle',
        },
      ],
      errors: [],
    });
  });

  it('requires a text and at least one located quote when passages were given', () => {
    expect(explanationFromReply({ explanation: '', quotes: [] }, passages).errors).toEqual([
      'explanation must be a non-empty string',
    ]);
    expect(explanationFromReply({ explanation: 'x', quotes: [] }, passages).errors).toEqual([
      'quotes must cite at least one passage',
    ]);
    expect(
      explanationFromReply(
        { explanation: 'x', quotes: [{ passage: 'P1', quote: 'nope' }] },
        passages,
      ).errors,
    ).toEqual(['quotes[0]: quote is not text of P1']);
  });
});
