import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { InvalidInputError, NotFoundError, UnprocessableError } from '../common/errors';
import { DocumentsService } from '../documents/documents.service';
import {
  csvHeaderLine,
  csvLine,
  JSON_CLOSE,
  JSON_OPEN,
  jsonItem,
  parseBank,
  toBankQuestion,
  type BankFormat,
} from './bank-format';
import type { BankQuestion } from './bank-question';
import { isObjectIdHex } from '../common/validation';
import { parseQuestionInput } from './question-input';
import { toQuestionView } from './question-view';
import type { QuestionView } from './question.types';
import { QuestionEditingService } from './question-editing.service';
import { PreparedQuestion, QuestionStorageService } from './question-storage.service';
import { toDetails, type QuestionDetails } from './question-view';
import { QuestionRecord, QuestionsRepository } from './questions.repository';
import { findDuplicates, findSimilar } from './similarity';

export type ImportMode = 'all-or-nothing' | 'valid-only';

export interface RowIssue {
  field: string;
  message: string;
}

export interface ImportRowReport {
  row: number;
  status: 'imported' | 'duplicate' | 'invalid' | 'skipped';
  questionId?: string;
  /** For a duplicate: the question it repeats (an existing one, or the row it repeats). */
  duplicateOf?: { questionId?: string; row?: number };
  errors: RowIssue[];
  warnings: RowIssue[];
}

export interface ImportReport {
  format: BankFormat;
  mode: ImportMode;
  total: number;
  valid: number;
  invalid: number;
  duplicates: number;
  imported: number;
  rows: ImportRowReport[];
}

/** Rows at least this similar (TF-IDF cosine) to another question are imported with a warning. */
const NEAR_DUPLICATE_THRESHOLD = 0.9;
const EXPORT_BATCH = 100;

interface Candidate {
  report: ImportRowReport;
  prepared: PreparedQuestion;
  dedupeKey: string;
}

/** What the question-management routes do: similar questions, bulk import and export. */
@Injectable()
export class QuestionBankService {
  constructor(
    private readonly repo: QuestionsRepository,
    private readonly editing: QuestionEditingService,
    private readonly storage: QuestionStorageService,
    private readonly documents: DocumentsService,
  ) {}

  /** The owner's questions at least `threshold` similar (cosine of TF-IDF vectors) to this one. */
  async similar(
    ownerId: string,
    id: string,
    threshold: number,
    limit: number,
  ): Promise<{
    questionId: string;
    threshold: number;
    items: { question: QuestionDetails; similarity: number }[];
  }> {
    const target = await this.editing.requireOwned(ownerId, id);
    const others: QuestionRecord[] = [];
    for await (const q of this.repo.streamForOwner(ownerId)) if (q.id !== target.id) others.push(q);
    const matches = findSimilar(similarityText(target), others.map(similarityText), threshold);
    return {
      questionId: target.id,
      threshold,
      items: matches.slice(0, limit).map((m) => ({
        question: toDetails(others[m.index]),
        similarity: Math.round(Math.min(1, m.score) * 10000) / 10000,
      })),
    };
  }

  /**
   * Imports a CSV or JSON bank. Every row is checked first (question rules, document, citation) and
   * reported; exact repeats of existing questions or earlier rows are skipped as duplicates, near repeats
   * imported with a warning. All-or-nothing (default) imports nothing when a row is invalid (422 with the
   * report); valid-only imports the valid rows. A retry with the same idempotency key does not import twice.
   */
  async import(
    ownerId: string,
    file: { text: string; format: BankFormat },
    mode: ImportMode,
    idempotencyKey?: string,
  ): Promise<ImportReport> {
    const parsed = parseBank(file.text, file.format);
    if (parsed.fileErrors.length > 0)
      throw new InvalidInputError(
        `The ${file.format.toUpperCase()} file cannot be read`,
        parsed.fileErrors,
      );
    const batch = idempotencyKey
      ? createHash('sha256').update(`${ownerId}:${idempotencyKey}`).digest('hex').slice(0, 32)
      : randomUUID();
    const reports: ImportRowReport[] = [];
    const candidates: Candidate[] = [];
    for (const row of parsed.rows) {
      const report: ImportRowReport = { row: row.row, status: 'invalid', errors: [], warnings: [] };
      reports.push(report);
      if (!row.question) {
        report.errors = row.errors.map(({ field, message }) => ({ field, message }));
        continue;
      }
      const prepared = await this.prepareRow(ownerId, row.question, row.documentId, report);
      if (prepared) candidates.push({ report, prepared, dedupeKey: `imp:${batch}:${row.row}` });
    }
    await this.markDuplicates(ownerId, candidates);
    const invalid = reports.filter((r) => r.status === 'invalid').length;
    const summary = (): ImportReport => ({
      format: file.format,
      mode,
      total: reports.length,
      valid: reports.length - invalid,
      invalid,
      duplicates: reports.filter((r) => r.status === 'duplicate').length,
      imported: reports.filter((r) => r.status === 'imported').length,
      rows: reports,
    });
    // Valid rows wait as `skipped` until stored.
    const toStore = candidates.filter((c) => c.report.status === 'skipped');
    if (mode === 'all-or-nothing' && invalid > 0) {
      throw new UnprocessableError(
        `${invalid} of ${reports.length} rows are invalid; nothing was imported`,
        summary(),
      );
    }
    const stored: string[] = [];
    try {
      for (const c of toStore) {
        const { view } = await this.storage.storeImported(ownerId, c.dedupeKey, c.prepared);
        stored.push(c.dedupeKey);
        c.report.status = 'imported';
        c.report.questionId = view.id;
      }
    } catch (error) {
      if (mode === 'all-or-nothing') await this.storage.undoImport(ownerId, stored);
      throw error;
    }
    return summary();
  }

  /**
   * The owner's questions as CSV or JSON text chunks, in id order; import reads the same formats. The
   * document is checked before the stream starts, so a wrong one is a clean 404.
   */
  async export(
    ownerId: string,
    format: BankFormat,
    documentId?: string,
  ): Promise<AsyncGenerator<string>> {
    if (documentId !== undefined) {
      if (!isObjectIdHex(documentId)) throw new NotFoundError('Document');
      await this.documents.requireReady(ownerId, documentId.toLowerCase());
    }
    return this.exportRows(ownerId, format, documentId?.toLowerCase());
  }

  private async *exportRows(
    ownerId: string,
    format: BankFormat,
    documentId?: string,
  ): AsyncGenerator<string> {
    yield format === 'csv' ? csvHeaderLine() : JSON_OPEN;
    let first = true;
    let batch: QuestionView[] = [];
    const flush = async function* (this: QuestionBankService) {
      const chunkIds = [...new Set(batch.flatMap((q) => (q.citation ? [q.citation.chunkId] : [])))];
      const chunks = await this.documents.findOwnedChunks(ownerId, chunkIds);
      const indexOf = new Map(chunks.map((c) => [c.id, c.index]));
      for (const q of batch) {
        const bank = toBankQuestion(q, q.citation ? indexOf.get(q.citation.chunkId) : undefined);
        yield format === 'csv' ? csvLine(bank, q.documentId) : jsonItem(bank, q.documentId, first);
        first = false;
      }
      batch = [];
    }.bind(this);
    for await (const record of this.repo.streamForOwner(ownerId, documentId)) {
      batch.push(toQuestionView(record));
      if (batch.length >= EXPORT_BATCH) yield* flush();
    }
    yield* flush();
    if (format === 'json') yield JSON_CLOSE;
  }

  /** Resolves a valid bank row's document and citation; problems go into the row report. */
  private async prepareRow(
    ownerId: string,
    question: BankQuestion,
    documentIdCell: string | null,
    report: ImportRowReport,
  ): Promise<PreparedQuestion | undefined> {
    let documentId: string | null = null;
    let citation: Record<string, unknown> | null = null;
    if (documentIdCell !== null && !isObjectIdHex(documentIdCell)) {
      report.errors.push({ field: 'documentId', message: 'must be a document id' });
      return undefined;
    }
    if (question.citation) {
      const [chunk] = isObjectIdHex(question.citation.chunkId)
        ? await this.documents.findOwnedChunks(ownerId, [question.citation.chunkId.toLowerCase()])
        : [];
      if (chunk && (documentIdCell === null || documentIdCell.toLowerCase() === chunk.documentId)) {
        documentId = chunk.documentId;
        citation = { ...question.citation };
      } else {
        report.warnings.push({
          field: 'citation',
          message: 'the cited section is not in one of your documents; imported without its source',
        });
      }
    }
    if (documentId === null && documentIdCell !== null && !question.citation) {
      const owned = await this.documents
        .requireReady(ownerId, documentIdCell.toLowerCase())
        .then(() => true)
        .catch(() => false);
      if (owned) documentId = documentIdCell.toLowerCase();
      else
        report.warnings.push({
          field: 'documentId',
          message: 'not one of your documents; imported without a document',
        });
    }
    const { value, errors } = parseQuestionInput({ ...question, documentId, citation });
    if (!value) {
      report.errors.push(...errors);
      return undefined;
    }
    const prepared = await this.storage.prepare(ownerId, value);
    if (!prepared.value) {
      report.errors.push(...prepared.errors);
      return undefined;
    }
    report.status = 'skipped';
    return prepared.value;
  }

  /**
   * Rows already imported under this batch (a retry) are reported as imported; exact repeats of existing
   * questions or of earlier rows become duplicates; near repeats keep a warning.
   */
  private async markDuplicates(ownerId: string, candidates: Candidate[]): Promise<void> {
    const already = await this.repo.findByDedupeKeys(
      ownerId,
      candidates.map((c) => c.dedupeKey),
    );
    const retried = new Map(already.map((q) => [q.dedupeKey, q]));
    const existing = await this.repo.findForFingerprints(
      ownerId,
      candidates.map((c) => c.prepared.fingerprint),
    );
    const existingByPrint = new Map(
      existing.filter((q) => !retried.has(q.dedupeKey)).map((q) => [q.fingerprint, q.id]),
    );
    const seen = new Map<string, number>();
    const kept: Candidate[] = [];
    for (const c of candidates) {
      const done = retried.get(c.dedupeKey);
      if (done) {
        c.report.status = 'imported';
        c.report.questionId = done.id;
        continue;
      }
      const print = c.prepared.fingerprint;
      if (existingByPrint.has(print) || seen.has(print)) {
        c.report.status = 'duplicate';
        c.report.duplicateOf = existingByPrint.has(print)
          ? { questionId: existingByPrint.get(print) }
          : { row: seen.get(print) };
        continue;
      }
      seen.set(print, c.report.row);
      kept.push(c);
    }
    await this.warnNearDuplicates(ownerId, kept);
  }

  private async warnNearDuplicates(ownerId: string, kept: Candidate[]): Promise<void> {
    if (kept.length === 0) return;
    const existing: QuestionRecord[] = [];
    for await (const q of this.repo.streamForOwner(ownerId)) existing.push(q);
    const matches = findDuplicates(
      kept.map((c) => similarityText(c.prepared.content)),
      existing.map(similarityText),
      NEAR_DUPLICATE_THRESHOLD,
    );
    for (const match of matches) {
      const similarTo =
        match.source === 'existing'
          ? `question ${existing[match.index].id}`
          : `row ${kept[match.index].report.row}`;
      kept[match.candidate].report.warnings.push({
        field: 'stem',
        message: `${Math.round(match.score * 100)}% similar to ${similarTo}`,
      });
    }
  }
}

/** What similarity compares: the stem with the correct answer(s). */
function similarityText(
  q: Pick<QuestionView, 'stem' | 'choices' | 'correctChoiceIds' | 'answer'>,
): string {
  const correct = q.choices.filter((c) => q.correctChoiceIds.includes(c.id)).map((c) => c.text);
  return [q.stem, ...correct, q.answer ?? ''].join(' ');
}
