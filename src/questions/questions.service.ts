import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { toPage, type Page } from '../common/pagination';
import { AppConfig } from '../config';
import type { DraftError } from './question-draft';
import { DocumentsService } from '../documents/documents.service';
import { isObjectIdHex } from './object-id';
import { questionFingerprint, topicKey } from './question-fingerprint';
import { parseQuestionInput, type CitationInput, type QuestionInput } from './question-input';
import { toQuestionView, versionToView } from './question-view';
import {
  pickContent,
  type QuestionCitation,
  type QuestionContent,
  type QuestionView,
} from './question.types';
import { QuestionRecord, QuestionsRepository, VersionRecord } from './questions.repository';
import { empiricalDifficulty } from './recalibration';
import type { CachedExplanation, QuestionSource } from './schemas/question.schema';

const MAX_PRACTICE_LIMIT = 500;

/** A stored question with what the API shows besides the contract view. */
export type QuestionDetails = QuestionView & {
  source: QuestionSource;
  usedInTests: number;
  createdAt: Date;
  updatedAt: Date;
};

export type VersionView = Omit<VersionRecord, 'questionId' | 'ownerId' | 'documentId'>;

export interface RecalibrationResult {
  questionId: string;
  oldDifficulty: number;
  newDifficulty: number;
  sampleSize: number;
  correctCount: number;
  version: number;
  changed: boolean;
}

/** A question ready to be stored by generation or import. */
export interface PreparedQuestion {
  documentId: string | null;
  content: QuestionContent;
  fingerprint: string;
}

export const toDetails = (q: QuestionRecord): QuestionDetails => ({
  ...toQuestionView(q),
  source: q.source,
  usedInTests: q.usedInTests,
  createdAt: q.createdAt,
  updatedAt: q.updatedAt,
});

const toVersionView = (v: VersionRecord): VersionView => ({
  version: v.version,
  reason: v.reason,
  revertedFrom: v.revertedFrom,
  createdAt: v.createdAt,
  ...pickContent(v),
});

/** The portable form of a question: what export writes and import reads. */
export function toPortable(q: QuestionView): Record<string, unknown> {
  return { ...pickContent(q), documentId: q.documentId };
}

const sameContent = (a: QuestionContent, b: QuestionContent): boolean =>
  JSON.stringify(contentKey(a)) === JSON.stringify(contentKey(b));

const contentKey = (c: QuestionContent) => [
  c.type,
  c.stem,
  c.choices,
  c.correctChoiceIds,
  c.answer,
  c.acceptedAnswers,
  c.topic,
  c.difficulty,
  c.explanation,
  c.citation,
];

/**
 * The question bank. The methods at the top are the contract other modules (sessions, learning) call;
 * the rest serve the question routes, generation and import.
 */
@Injectable()
export class QuestionsService implements OnModuleInit {
  constructor(
    private readonly repo: QuestionsRepository,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.documents.registerDeletionHook({
      blocker: async (ownerId, documentId) => {
        const used = await this.repo.countUsedInTestsForDocument(ownerId, documentId);
        return used
          ? `The document cannot be deleted: ${used} of its questions are used by tests`
          : null;
      },
      purge: async (ownerId, documentId) => {
        await this.repo.deleteUnusedForDocument(ownerId, documentId);
      },
    });
  }

  // --- The contract ---------------------------------------------------------------------------

  /**
   * Questions a user may practise: their own, or, on a published document, the document owner's
   * (full view including the answer key: the caller hides it).
   */
  async findForPractice(
    ownerId: string,
    filter: { documentId?: string; topics?: string[]; limit: number },
  ): Promise<QuestionView[]> {
    if (filter.documentId !== undefined && !isObjectIdHex(filter.documentId)) return [];
    const limit = Math.max(0, Math.min(Math.floor(filter.limit), MAX_PRACTICE_LIMIT));
    if (limit === 0) return [];
    // On a published document a student practises from its owner's bank.
    const bankOwner = filter.documentId
      ? await this.documents.practiceOwner(ownerId, filter.documentId)
      : ownerId;
    if (!bankOwner) return [];
    const rows = await this.repo.findForOwner(
      bankOwner,
      { documentId: filter.documentId, topicKeys: filter.topics?.map(topicKey) },
      limit,
    );
    return rows.map(toQuestionView);
  }

  async getById(ownerId: string, id: string): Promise<QuestionView> {
    return toQuestionView(await this.requireOwned(ownerId, id));
  }

  /** The question as it was at `version` (also for archived questions: old answers point at them). */
  async getVersion(questionId: string, version: number): Promise<QuestionView> {
    if (!isObjectIdHex(questionId) || !Number.isInteger(version) || version < 1)
      throw new NotFoundError('Question version');
    const current = await this.repo.findById(questionId);
    if (!current || version > current.version) throw new NotFoundError('Question version');
    const snapshot = await this.repo.findVersion(questionId, version);
    if (snapshot) return versionToView(current, snapshot);
    if (version === current.version) return toQuestionView(current);
    throw new NotFoundError('Question version');
  }

  /** Current versions, no owner check (internal use by other modules); unknown ids are skipped. */
  async getMany(ids: string[]): Promise<QuestionView[]> {
    const valid = [...new Set(ids.filter(isObjectIdHex).map((id) => id.toLowerCase()))];
    const rows = await this.repo.findMany(valid);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return valid.flatMap((id) => (byId.has(id) ? [toQuestionView(byId.get(id)!)] : []));
  }

  /** Counts an answer towards the question's empirical difficulty. */
  async recordOutcome(questionId: string, correct: boolean): Promise<void> {
    if (!isObjectIdHex(questionId) || !(await this.repo.recordOutcome(questionId, correct)))
      throw new NotFoundError('Question');
  }

  /** Called by the sessions module when a test uses these questions: their document can no longer be deleted. */
  async markUsedInTest(questionIds: string[]): Promise<void> {
    const valid = [...new Set(questionIds.filter(isObjectIdHex).map((id) => id.toLowerCase()))];
    await this.repo.markUsedInTest(valid);
  }

  // --- Question bank ----------------------------------------------------------------------------

  async list(
    ownerId: string,
    query: { documentId?: string; topic?: string; type?: string; limit: number; cursor?: string },
  ): Promise<Page<QuestionDetails>> {
    const rows = await this.repo.findForOwner(
      ownerId,
      {
        documentId: query.documentId?.toLowerCase(),
        topicKeys: query.topic ? [topicKey(query.topic)] : undefined,
        type: query.type,
        cursor: query.cursor,
      },
      query.limit + 1,
    );
    return toPage(rows.map(toDetails), query.limit);
  }

  async getDetails(ownerId: string, id: string): Promise<QuestionDetails> {
    return toDetails(await this.requireOwned(ownerId, id));
  }

  /** Creates a question after checking its rules, its document and citation; a repeat is a 409. */
  async create(ownerId: string, raw: Record<string, unknown>): Promise<QuestionDetails> {
    const input = this.parseOrThrow(raw);
    const prepared = await this.prepareOrThrow(ownerId, input);
    const [existing] = await this.repo.findForFingerprints(ownerId, [prepared.fingerprint]);
    if (existing)
      throw new ConflictError('The same question already exists', { questionId: existing.id });
    const { record } = await this.repo.insert(
      {
        ...prepared.content,
        ownerId,
        documentId: prepared.documentId,
        source: 'manual',
        dedupeKey: `new:${randomUUID()}`,
        fingerprint: prepared.fingerprint,
        topicKey: topicKey(prepared.content.topic),
      },
      this.clock.now(),
    );
    return toDetails(record);
  }

  /** Edits a question: the merged result is checked like a new one and stored as the next version. */
  async update(
    ownerId: string,
    id: string,
    patch: Record<string, unknown>,
  ): Promise<QuestionDetails> {
    const current = await this.requireOwned(ownerId, id);
    // Absent fields of the request DTO are own properties set to undefined: they change nothing.
    const { expectedVersion, ...changes } = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined),
    );
    if (expectedVersion !== undefined && expectedVersion !== current.version)
      throw new ConflictError(
        `The question is at version ${current.version}, not ${String(expectedVersion)}`,
      );
    const merged: Record<string, unknown> = { ...toPortable(current), ...changes };
    if (changes.type !== undefined && changes.type !== current.type) {
      const toShort = changes.type === 'short-answer';
      if (toShort && changes.choices === undefined) merged.choices = [];
      if (toShort && changes.correctChoiceIds === undefined) merged.correctChoiceIds = [];
      if (!toShort && changes.answer === undefined) merged.answer = null;
      if (!toShort && changes.acceptedAnswers === undefined) merged.acceptedAnswers = [];
    }
    if (changes.citation === undefined && current.citation) merged.citation = current.citation;
    const prepared = await this.prepareOrThrow(ownerId, this.parseOrThrow(merged));
    return toDetails(await this.saveVersion(current, prepared.content, 'edited'));
  }

  /**
   * Deletes a question and its versions; a question a test used is archived instead (hidden, but its
   * versions stay readable for the answers that point at them).
   */
  async remove(ownerId: string, id: string): Promise<void> {
    const q = await this.requireOwned(ownerId, id);
    if (q.usedInTests > 0 || (await this.repo.deleteByIds([q.id])) === 0)
      await this.repo.archive(q.id, this.clock.now());
  }

  async listVersions(ownerId: string, id: string): Promise<VersionView[]> {
    const q = await this.requireOwned(ownerId, id);
    await this.repo.ensureVersionSnapshot(
      q,
      q.version === 1 ? 'created' : 'edited',
      this.clock.now(),
    );
    return (await this.repo.listVersions(q.id, q.version)).map(toVersionView);
  }

  async getOwnedVersion(ownerId: string, id: string, version: number): Promise<VersionView> {
    const q = await this.requireOwned(ownerId, id);
    const snapshot = version <= q.version ? await this.repo.findVersion(q.id, version) : null;
    if (snapshot) return toVersionView(snapshot);
    if (version !== q.version) throw new NotFoundError('Question version');
    await this.repo.ensureVersionSnapshot(
      q,
      q.version === 1 ? 'created' : 'edited',
      this.clock.now(),
    );
    return toVersionView((await this.repo.findVersion(q.id, version))!);
  }

  /** Makes the content of an earlier version the next version (history is never rewritten). */
  async revert(ownerId: string, id: string, version: number): Promise<QuestionDetails> {
    const current = await this.requireOwned(ownerId, id);
    if (version > current.version) throw new NotFoundError('Question version');
    const target = await this.repo.findVersion(current.id, version);
    if (!target) throw new NotFoundError('Question version');
    const content: QuestionContent = versionToView(current, target);
    return toDetails(await this.saveVersion(current, content, 'reverted', version));
  }

  /**
   * Sets the difficulty from the share of wrong answers once RECALIBRATION_MIN_ANSWERS answers exist
   * (409 before); a change is stored as a new version.
   */
  async recalibrate(ownerId: string, id: string): Promise<RecalibrationResult> {
    const current = await this.requireOwned(ownerId, id);
    const required = this.config.questions.recalibrationMinAnswers;
    const difficulty = empiricalDifficulty(current.answerCount, current.correctCount, required);
    if (difficulty === undefined)
      throw new ConflictError(
        `Not enough answers to recalibrate: ${current.answerCount} of the ${required} needed`,
        { sampleSize: current.answerCount, required },
      );
    const changed = difficulty !== current.difficulty;
    const saved = changed
      ? await this.saveVersion(current, { ...current, difficulty }, 'recalibrated')
      : current;
    return {
      questionId: current.id,
      oldDifficulty: current.difficulty,
      newDifficulty: difficulty,
      sampleSize: saved.answerCount,
      correctCount: saved.correctCount,
      version: saved.version,
      changed,
    };
  }

  // --- For generation, explanations and import --------------------------------------------------

  /** The owner's question with storage details (cached explanation), or NotFoundError. */
  async requireOwned(ownerId: string, id: string): Promise<QuestionRecord> {
    const q = isObjectIdHex(id) ? await this.repo.findOwned(ownerId, id.toLowerCase()) : null;
    if (!q) throw new NotFoundError('Question');
    return q;
  }

  /** Questions a generation job stored so far (a retried job resumes after them). */
  async generatedByJob(jobId: string): Promise<QuestionView[]> {
    return (await this.repo.findByGenerationJob(jobId)).map(toQuestionView);
  }

  /** Removes what a generation job stored (its document was deleted meanwhile). */
  async deleteGeneratedByJob(jobId: string): Promise<void> {
    const stored = await this.repo.findByGenerationJob(jobId);
    await this.repo.deleteByIds(stored.map((q) => q.id));
  }

  /**
   * Stores a generated question under its job slot; storing the same slot again (a retried job) returns the
   * stored one instead of a copy.
   */
  async storeGenerated(
    ownerId: string,
    jobId: string,
    slot: number,
    question: PreparedQuestion,
  ): Promise<QuestionView> {
    const { record } = await this.repo.insert(
      {
        ...question.content,
        ownerId,
        documentId: question.documentId,
        source: 'generated',
        dedupeKey: `gen:${jobId}:${slot}`,
        generationJobId: jobId,
        fingerprint: question.fingerprint,
        topicKey: topicKey(question.content.topic),
      },
      this.clock.now(),
    );
    return toQuestionView(record);
  }

  /** Stores an imported question; the same batch row stored twice (a retried import) is stored once. */
  async storeImported(
    ownerId: string,
    dedupeKey: string,
    question: PreparedQuestion,
  ): Promise<{ view: QuestionView; created: boolean }> {
    const { record, created } = await this.repo.insert(
      {
        ...question.content,
        ownerId,
        documentId: question.documentId,
        source: 'imported',
        dedupeKey,
        fingerprint: question.fingerprint,
        topicKey: topicKey(question.content.topic),
      },
      this.clock.now(),
    );
    return { view: toQuestionView(record), created };
  }

  /** Deletes questions an import stored before it failed (all-or-nothing). */
  async undoImport(ownerId: string, dedupeKeys: string[]): Promise<void> {
    const stored = await this.repo.findByDedupeKeys(ownerId, dedupeKeys);
    await this.repo.deleteByIds(stored.map((q) => q.id));
  }

  findByDedupeKeys(ownerId: string, dedupeKeys: string[]): Promise<QuestionRecord[]> {
    return this.repo.findByDedupeKeys(ownerId, dedupeKeys);
  }

  /** The owner's live questions with one of these fingerprints (exact repeats). */
  findByFingerprints(ownerId: string, fingerprints: string[]): Promise<QuestionRecord[]> {
    return this.repo.findForFingerprints(ownerId, fingerprints);
  }

  async cacheExplanation(id: string, version: number, cached: CachedExplanation): Promise<void> {
    await this.repo.setCachedExplanation(id, version, cached);
  }

  /** Streams the owner's questions in id order (export, similarity). */
  stream(ownerId: string, documentId?: string): AsyncGenerator<QuestionRecord> {
    return this.repo.streamForOwner(ownerId, documentId);
  }

  /**
   * Checks a question's document and citation against the owner's documents: the document must be one of
   * theirs, the cited section one of its sections and the snippet text of that section (located when no
   * offsets are given). Returns field errors instead of throwing, for per-row import reports.
   */
  async prepare(
    ownerId: string,
    input: QuestionInput,
  ): Promise<{ value?: PreparedQuestion; errors: DraftError[] }> {
    let citation: QuestionCitation | null = null;
    if (input.documentId) {
      const doc = await this.documents.requireReady(ownerId, input.documentId).catch(() => null);
      if (!doc) return { errors: [{ field: 'documentId', message: 'no such document of yours' }] };
      if (input.citation) {
        const resolved = await this.resolveCitation(input.documentId, input.citation);
        if ('error' in resolved) return { errors: [resolved.error] };
        citation = resolved.citation;
      }
    }
    const content: QuestionContent = { ...input.content, citation };
    return {
      errors: [],
      value: {
        documentId: input.documentId,
        content,
        fingerprint: questionFingerprint(content),
      },
    };
  }

  private async resolveCitation(
    documentId: string,
    input: CitationInput,
  ): Promise<{ citation: QuestionCitation } | { error: DraftError }> {
    const [chunk] = await this.documents.findChunks(documentId, [input.chunkId]);
    if (!chunk)
      return { error: { field: 'citation.chunkId', message: 'no such section in the document' } };
    let start: number;
    if (input.start !== undefined) {
      start = input.start;
      const end = input.end ?? start + input.snippet.length;
      const inside =
        start >= chunk.start && end <= chunk.end && end - start === input.snippet.length;
      if (!inside || chunk.text.slice(start - chunk.start, end - chunk.start) !== input.snippet)
        return {
          error: {
            field: 'citation.snippet',
            message: 'is not the text at that range of the section',
          },
        };
    } else {
      const at = chunk.text.indexOf(input.snippet);
      if (at < 0)
        return {
          error: { field: 'citation.snippet', message: 'is not found in the cited section' },
        };
      start = chunk.start + at;
    }
    return {
      citation: {
        chunkId: chunk.id,
        page: chunk.page,
        start,
        end: start + input.snippet.length,
        snippet: input.snippet,
      },
    };
  }

  private parseOrThrow(raw: unknown): QuestionInput {
    const { value, errors } = parseQuestionInput(raw);
    if (!value) throw new InvalidInputError('The question is not valid', errors);
    return value;
  }

  private async prepareOrThrow(ownerId: string, input: QuestionInput): Promise<PreparedQuestion> {
    const { value, errors } = await this.prepare(ownerId, input);
    if (!value) throw new InvalidInputError('The question is not valid', errors);
    return value;
  }

  /** Stores new content as the next version; unchanged content stores nothing. */
  private async saveVersion(
    current: QuestionRecord,
    content: QuestionContent,
    reason: 'edited' | 'reverted' | 'recalibrated',
    revertedFrom: number | null = null,
  ): Promise<QuestionRecord> {
    if (sameContent(current, content)) return current;
    const next = {
      type: content.type,
      stem: content.stem,
      choices: content.choices,
      correctChoiceIds: content.correctChoiceIds,
      answer: content.answer,
      acceptedAnswers: content.acceptedAnswers,
      topic: content.topic,
      difficulty: content.difficulty,
      explanation: content.explanation,
      citation: content.citation,
      fingerprint: questionFingerprint(content),
      topicKey: topicKey(content.topic),
    };
    const now = this.clock.now();
    // The first edit of a question whose version-1 snapshot was lost to a crash writes it first.
    await this.repo.ensureVersionSnapshot(
      current,
      current.version === 1 ? 'created' : 'edited',
      now,
    );
    const saved = await this.repo.updateContent(
      current.id,
      current.version,
      next,
      reason,
      now,
      revertedFrom,
    );
    if (!saved)
      throw new ConflictError('The question was changed meanwhile; reload it and try again');
    return saved;
  }
}
