import fc from 'fast-check';
import type { BankQuestion } from './bank-question';
import { escapeCell, parseCsv, toCsv, toCsvRows, unescapeCell } from './csv';

const snippet = '=HYPERLINK("http://evil") is\nnot a formula here.';
const singleChoice: BankQuestion = {
  type: 'single-choice',
  stem: '=1+1 is what, "quoted", in a spreadsheet?',
  choices: [
    { id: 'a', text: '-2' },
    { id: 'b', text: '+3' },
    { id: 'c', text: '@4' },
    { id: 'd', text: "'5" },
  ],
  correctChoiceIds: ['b'],
  difficulty: 0.4237,
  topic: 'spreadsheets',
  explanation: 'Line one,\r\nline two;\ttabbed.',
  citation: {
    chunkId: 'doc#3',
    chunkIndex: 3,
    page: 12,
    start: 4000,
    end: 4000 + snippet.length,
    snippet,
  },
};
const shortAnswer: BankQuestion = {
  type: 'short-answer',
  stem: '\tFill in the blank: _____ absorbs light.',
  answer: 'Chlorophyll',
  acceptedAnswers: ['Chlorophyll', '=chlorophyll'],
  difficulty: 1,
  topic: 'photosynthesis',
  explanation: '',
};

describe('formula-injection escaping', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ["'quoted", "''quoted"],
    ['plain = text', 'plain = text'],
    ['', ''],
  ])('escapes %j as %j and back', (raw, escaped) => {
    expect(escapeCell(raw)).toBe(escaped);
    expect(unescapeCell(escaped)).toBe(raw);
  });

  it('leaves a quote that does not guard anything', () => {
    expect(unescapeCell("'tis")).toBe("'tis");
  });

  it('round-trips any string', () => {
    fc.assert(fc.property(fc.string(), (value) => unescapeCell(escapeCell(value)) === value));
  });
});

describe('toCsvRows', () => {
  it('writes the header and escapes dangerous cells', () => {
    const [header, row] = toCsvRows([singleChoice]);
    expect(header.slice(0, 4)).toEqual(['type', 'stem', 'choice_a', 'choice_b']);
    expect(row.slice(0, 6)).toEqual([
      'single-choice',
      '\'=1+1 is what, "quoted", in a spreadsheet?',
      "'-2",
      "'+3",
      "'@4",
      "''5",
    ]);
    expect(row[header.indexOf('correct')]).toBe('b');
    expect(row[header.indexOf('snippet')]).toBe(`'${snippet}`);
  });
});

describe('parseCsv', () => {
  it('reverses toCsv exactly', () => {
    expect(parseCsv(toCsv([singleChoice, shortAnswer]))).toEqual({
      questions: [singleChoice, shortAnswer],
      errors: [],
    });
  });

  it('round-trips arbitrary text fields', () => {
    const text = fc.string().filter((s) => !s.includes('\u0000'));
    const line = text.filter((s) => s.trim() !== '' && !/[\r\n]/.test(s));
    fc.assert(
      fc.property(
        line,
        line,
        text,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (stem, answer, explanation, difficulty) => {
          const question: BankQuestion = {
            type: 'short-answer',
            stem,
            answer,
            difficulty,
            topic: answer,
            explanation,
          };
          const result = parseCsv(toCsv([question]));
          expect(result).toEqual({ questions: [question], errors: [] });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports invalid rows by question number and field, and keeps the valid ones', () => {
    const rows = toCsvRows([singleChoice, shortAnswer, shortAnswer]);
    const header = rows[0];
    rows[1][header.indexOf('correct')] = 'a,b';
    rows[3][header.indexOf('difficulty')] = 'hard';
    rows[3][header.indexOf('page')] = '7';
    const result = parseCsv(
      rows.map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')).join('\n'),
    );
    expect(result.questions).toEqual([shortAnswer]);
    expect(result.errors).toEqual([
      {
        row: 1,
        field: 'correctChoiceIds',
        message: 'must name exactly one choice for single-choice questions',
      },
      { row: 3, field: 'difficulty', message: 'must be a number from 0 to 1' },
      { row: 3, field: 'citation.chunkId', message: 'must not be empty' },
      { row: 3, field: 'citation.chunkIndex', message: 'must be an integer of at least 0' },
      { row: 3, field: 'citation.start', message: 'must be an integer of at least 0' },
      { row: 3, field: 'citation.end', message: 'must be an integer of at least 0' },
      { row: 3, field: 'citation.snippet', message: 'must not be empty' },
    ]);
  });

  it('reports a missing column or broken CSV as a file error', () => {
    expect(parseCsv('type,stem\nshort-answer,x')).toEqual({
      questions: [],
      errors: [
        {
          row: 0,
          field: 'header',
          message: expect.stringMatching(/^lacks the columns choice_a, .*snippet$/),
        },
      ],
    });
    expect(parseCsv('type,stem\n"unclosed').errors).toEqual([
      { row: 0, field: '', message: expect.stringMatching(/^is not valid CSV/) },
    ]);
  });
});
