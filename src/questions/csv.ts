import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CHOICE_IDS } from './question-draft';
import {
  fileError,
  mergeResults,
  readBankQuestion,
  type BankQuestion,
  type ImportResult,
} from './bank-question';

/**
 * The question-bank CSV: one question a row, one column per choice (choice_a…choice_f, ids are
 * the letters), `correct` as "a,c", accepted answers one per line in their cell, and the citation
 * in the last six columns (all empty when the question has none).
 */
const CHOICE_COLUMNS = CHOICE_IDS.map((id) => `choice_${id}`);
const CITATION_COLUMNS = ['chunk_id', 'chunk_index', 'page', 'start', 'end', 'snippet'] as const;
export const CSV_COLUMNS: readonly string[] = [
  'type',
  'stem',
  ...CHOICE_COLUMNS,
  'correct',
  'answer',
  'accepted_answers',
  'difficulty',
  'topic',
  'explanation',
  ...CITATION_COLUMNS,
];

// A spreadsheet runs a cell starting with one of these as a formula; a leading quote makes it
// text. Cells already starting with a quote get one more, so that import can always remove one.
const FORMULA_TRIGGERS = /^[=+\-@\t\r']/;

export function escapeCell(value: string): string {
  return FORMULA_TRIGGERS.test(value) ? `'${value}` : value;
}

export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_TRIGGERS.test(value.slice(1)) ? value.slice(1) : value;
}

/** The header and one escaped row per question. */
export function toCsvRows(questions: readonly BankQuestion[]): string[][] {
  return [
    [...CSV_COLUMNS],
    ...questions.map((question) =>
      CSV_COLUMNS.map((column) => escapeCell(cellOf(question, column))),
    ),
  ];
}

export function toCsv(questions: readonly BankQuestion[]): string {
  return stringify(toCsvRows(questions));
}

/** Reads a bank CSV written by `toCsv` (or by hand with the same header); the reverse of it. */
export function parseCsv(text: string): ImportResult {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    return fileError(
      '',
      `is not valid CSV: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const [header = [], ...rows] = records;
  const columns = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
  const missing = CSV_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length > 0) return fileError('header', `lacks the columns ${missing.join(', ')}`);
  return mergeResults(
    rows.map((row, i) => {
      const cell = (column: string) => unescapeCell(row[columns.get(column) ?? -1] ?? '');
      return readBankQuestion(questionFromCells(cell), i + 1);
    }),
  );
}

function cellOf(question: BankQuestion, column: string): string {
  const choice = CHOICE_COLUMNS.indexOf(column);
  if (choice >= 0) return question.choices?.[choice]?.text ?? '';
  const citation = question.citation;
  switch (column) {
    case 'type':
      return question.type;
    case 'stem':
      return question.stem;
    case 'correct':
      return question.correctChoiceIds?.join(',') ?? '';
    case 'answer':
      return question.answer ?? '';
    case 'accepted_answers':
      return question.acceptedAnswers?.join('\n') ?? '';
    case 'difficulty':
      return String(question.difficulty);
    case 'topic':
      return question.topic;
    case 'explanation':
      return question.explanation;
    case 'chunk_id':
      return citation?.chunkId ?? '';
    case 'chunk_index':
      return citation === undefined ? '' : String(citation.chunkIndex);
    case 'page':
      return citation === undefined ? '' : String(citation.page);
    case 'start':
      return citation === undefined ? '' : String(citation.start);
    case 'end':
      return citation === undefined ? '' : String(citation.end);
    case 'snippet':
      return citation?.snippet ?? '';
    default:
      return '';
  }
}

/** Builds the candidate object for validation; empty cells mean "absent". */
function questionFromCells(cell: (column: string) => string): Record<string, unknown> {
  const choices = CHOICE_IDS.map((id, i) => ({ id, text: cell(CHOICE_COLUMNS[i]) })).filter(
    (choice) => choice.text !== '',
  );
  const hasCitation = CITATION_COLUMNS.some((column) => cell(column) !== '');
  return {
    type: cell('type'),
    stem: cell('stem'),
    choices: choices.length > 0 ? choices : undefined,
    correctChoiceIds: optional(cell('correct'), (value) => value.split(',').map((id) => id.trim())),
    answer: optional(cell('answer'), (value) => value),
    acceptedAnswers: optional(cell('accepted_answers'), (value) => value.split('\n')),
    difficulty: optional(cell('difficulty'), Number),
    topic: cell('topic'),
    explanation: cell('explanation'),
    citation: hasCitation
      ? {
          chunkId: cell('chunk_id'),
          chunkIndex: optional(cell('chunk_index'), Number),
          page: optional(cell('page'), Number),
          start: optional(cell('start'), Number),
          end: optional(cell('end'), Number),
          snippet: cell('snippet'),
        }
      : undefined,
  };
}

function optional<T>(value: string, read: (value: string) => T): T | undefined {
  return value === '' ? undefined : read(value);
}
