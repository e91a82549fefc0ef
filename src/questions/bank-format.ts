import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { BankQuestion, ImportError } from './bank-question';
import { CSV_COLUMNS, escapeCell, parseCsv, toCsvRows } from './csv';
import { parseQuestionsJson } from './json-import';
import type { QuestionView } from './question.types';

/**
 * The exported bank: the CSV and JSON formats of `csv.ts` and `json-import.ts`, plus the question's
 * document (`document_id` column, `documentId` field) so a question without a citation keeps its link.
 */
export type BankFormat = 'csv' | 'json';

export const DOCUMENT_COLUMN = 'document_id';

export interface BankRow {
  /** From 1, in file order. */
  row: number;
  question?: BankQuestion;
  documentId: string | null;
  errors: ImportError[];
}

export interface ParsedBank {
  rows: BankRow[];
  /** Problems with the file as a whole (row 0): nothing can be imported. */
  fileErrors: ImportError[];
}

/** A question as a bank question; `chunkIndex` is the cited section's position. */
export function toBankQuestion(q: QuestionView, chunkIndex: number | undefined): BankQuestion {
  const choiceType = q.type !== 'short-answer';
  return {
    type: q.type,
    stem: q.stem,
    ...(choiceType && { choices: q.choices.map(({ id, text }) => ({ id, text })) }),
    ...(choiceType && { correctChoiceIds: [...q.correctChoiceIds] }),
    ...(!choiceType && q.answer !== null && { answer: q.answer }),
    ...(!choiceType && q.acceptedAnswers.length > 0 && { acceptedAnswers: [...q.acceptedAnswers] }),
    difficulty: q.difficulty,
    topic: q.topic,
    explanation: q.explanation,
    ...(q.citation &&
      chunkIndex !== undefined && {
        citation: { ...q.citation, chunkIndex },
      }),
  };
}

export function csvHeaderLine(): string {
  return stringify([[...CSV_COLUMNS, DOCUMENT_COLUMN]]);
}

/** One CSV record (escaped against formula injection by `toCsvRows`). */
export function csvLine(question: BankQuestion, documentId: string | null): string {
  const [, cells] = toCsvRows([question]);
  return stringify([[...cells, escapeCell(documentId ?? '')]]);
}

export const JSON_OPEN = '{\n  "questions": [\n';
export const JSON_CLOSE = '\n  ]\n}\n';

export function jsonItem(
  question: BankQuestion,
  documentId: string | null,
  first: boolean,
): string {
  return `${first ? '' : ',\n'}    ${JSON.stringify({ ...question, documentId })}`;
}

/** Reads a bank file, each row validated by the bank rules, with the row numbers of valid questions. */
export function parseBank(text: string, format: BankFormat): ParsedBank {
  const result = format === 'csv' ? parseCsv(text) : parseQuestionsJson(text);
  const fileErrors = result.errors.filter((error) => error.row === 0);
  if (fileErrors.length > 0) return { rows: [], fileErrors };
  const documentIds = format === 'csv' ? csvDocumentIds(text) : jsonDocumentIds(text);
  const errorsByRow = new Map<number, ImportError[]>();
  for (const error of result.errors)
    errorsByRow.set(error.row, [...(errorsByRow.get(error.row) ?? []), error]);
  const total = result.questions.length + errorsByRow.size;
  const rows: BankRow[] = [];
  let next = 0;
  for (let row = 1; row <= total; row++) {
    const errors = errorsByRow.get(row) ?? [];
    const question = errors.length === 0 ? result.questions[next++] : undefined;
    rows.push({ row, question, documentId: documentIds[row - 1] ?? null, errors });
  }
  return { rows, fileErrors: [] };
}

function csvDocumentIds(text: string): (string | null)[] {
  const records = parse(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  const [header = [], ...rows] = records;
  const column = header.findIndex((name) => name.trim().toLowerCase() === DOCUMENT_COLUMN);
  return rows.map((row) => (column >= 0 && row[column]?.trim() ? row[column].trim() : null));
}

function jsonDocumentIds(text: string): (string | null)[] {
  const parsed = JSON.parse(text) as unknown;
  const items = Array.isArray(parsed) ? parsed : (parsed as { questions: unknown[] }).questions;
  return items.map((item) => {
    const id = (item as { documentId?: unknown } | null)?.documentId;
    return typeof id === 'string' && id.trim() ? id.trim() : null;
  });
}
