import {
  csvHeaderLine,
  csvLine,
  JSON_CLOSE,
  JSON_OPEN,
  jsonItem,
  parseBank,
  toBankQuestion,
} from './bank-format';
import type { QuestionView } from './question.types';

const view = (over: Partial<QuestionView>): QuestionView => ({
  id: 'q'.repeat(24),
  ownerId: 'o'.repeat(24),
  documentId: 'd'.repeat(24).replace(/d/g, 'a'),
  version: 1,
  type: 'single-choice',
  stem: '=HYPERLINK("http://evil.example") which gas?',
  choices: [
    { id: 'a', text: '+Oxygen' },
    { id: 'b', text: '-Carbon dioxide' },
    { id: 'c', text: '@Nitrogen' },
  ],
  correctChoiceIds: ['b'],
  answer: null,
  acceptedAnswers: [],
  topic: 'gases',
  difficulty: 0.25,
  explanation: '\'quoted, "comma"\nand a new line',
  citation: {
    chunkId: 'c'.repeat(24),
    page: 2,
    start: 100,
    end: 117,
    snippet: 'Leaves absorb CO2',
  },
  answerCount: 3,
  correctCount: 1,
  ...over,
});

const questions: QuestionView[] = [
  view({}),
  view({
    type: 'short-answer',
    stem: 'Green pigment?',
    choices: [],
    correctChoiceIds: [],
    answer: 'Chlorophyll',
    acceptedAnswers: ['Chlorophyll', 'chlorophyl'],
    citation: null,
    documentId: null,
  }),
  view({
    type: 'true-false',
    stem: 'Leaves are green.',
    choices: [
      { id: 'a', text: 'True' },
      { id: 'b', text: 'False' },
    ],
    correctChoiceIds: ['a'],
    citation: null,
  }),
];

const portable = (q: QuestionView) => ({
  type: q.type,
  stem: q.stem,
  choices: q.type === 'short-answer' ? undefined : q.choices,
  correctChoiceIds: q.type === 'short-answer' ? undefined : q.correctChoiceIds,
  answer: q.answer ?? undefined,
  topic: q.topic,
  difficulty: q.difficulty,
  explanation: q.explanation,
});

describe('bank format', () => {
  const bank = questions.map((q) => toBankQuestion(q, q.citation ? 7 : undefined));

  it('escapes CSV cells that a spreadsheet would run as formulas', () => {
    const line = csvLine(bank[0], questions[0].documentId);
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"") which gas?"`);
    expect(line).toContain("'+Oxygen");
    expect(line).toContain("'-Carbon dioxide");
    expect(line).toContain("'@Nitrogen");
    expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it.each(['csv', 'json'] as const)(
    'round-trips through %s with documents and citations',
    (format) => {
      const text =
        format === 'csv'
          ? csvHeaderLine() + bank.map((b, i) => csvLine(b, questions[i].documentId)).join('')
          : JSON_OPEN +
            bank.map((b, i) => jsonItem(b, questions[i].documentId, i === 0)).join('') +
            JSON_CLOSE;
      const parsed = parseBank(text, format);
      expect(parsed.fileErrors).toEqual([]);
      expect(parsed.rows.map((r) => r.errors)).toEqual([[], [], []]);
      expect(parsed.rows.map((r) => r.documentId)).toEqual(questions.map((q) => q.documentId));
      parsed.rows.forEach((row, i) =>
        expect(row.question).toMatchObject(JSON.parse(JSON.stringify(portable(questions[i])))),
      );
      expect(parsed.rows[0].question?.citation).toEqual({
        ...questions[0].citation,
        chunkIndex: 7,
      });
      expect(parsed.rows[1].question?.acceptedAnswers).toEqual(['Chlorophyll', 'chlorophyl']);
    },
  );

  it('numbers rows and keeps the valid ones aligned with their row', () => {
    const bad = { ...bank[1], stem: '' };
    const text = JSON.stringify({
      questions: [bank[0], bad, { ...bank[2], documentId: 'f'.repeat(24) }],
    });
    const parsed = parseBank(text, 'json');
    expect(
      parsed.rows.map((r) => [r.row, Boolean(r.question), r.errors.map((e) => e.field)]),
    ).toEqual([
      [1, true, []],
      [2, false, ['stem']],
      [3, true, []],
    ]);
    expect(parsed.rows[2].question?.stem).toBe('Leaves are green.');
    expect(parsed.rows[2].documentId).toBe('f'.repeat(24));
  });

  it('reports an unreadable file as a whole', () => {
    expect(parseBank('{ not json', 'json').fileErrors).toHaveLength(1);
    expect(parseBank('type,stem\nsingle-choice,x\n', 'csv').fileErrors[0].message).toMatch(
      /lacks the columns/,
    );
  });
});
