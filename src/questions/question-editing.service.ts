import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { toPage, type Page } from '../common/pagination';
import { AppConfig } from '../config';
import { isObjectIdHex } from '../common/validation';
import { questionFingerprint, topicKey } from './question-fingerprint';
import { parseQuestionInput, type QuestionInput } from './question-input';
import { PreparedQuestion, QuestionStorageService } from './question-storage.service';
import { toDetails, toPortable, versionToView, type QuestionDetails } from './question-view';
import { pickContent, type QuestionContent } from './question.types';
import { QuestionRecord, QuestionsRepository, VersionRecord } from './questions.repository';
import { empiricalDifficulty } from './recalibration';

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

const toVersionView = (v: VersionRecord): VersionView => ({
  version: v.version,
  reason: v.reason,
  revertedFrom: v.revertedFrom,
  createdAt: v.createdAt,
  ...pickContent(v),
});

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

/** The owner's question routes: listing, creating, editing, versions, reverts and recalibration. */
@Injectable()
export class QuestionEditingService {
  constructor(
    private readonly repo: QuestionsRepository,
    private readonly storage: QuestionStorageService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

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

  /** The owner's question, or NotFoundError. */
  async requireOwned(ownerId: string, id: string): Promise<QuestionRecord> {
    const q = isObjectIdHex(id) ? await this.repo.findOwned(ownerId, id.toLowerCase()) : null;
    if (!q) throw new NotFoundError('Question');
    return q;
  }

  private parseOrThrow(raw: unknown): QuestionInput {
    const { value, errors } = parseQuestionInput(raw);
    if (!value) throw new InvalidInputError('The question is not valid', errors);
    return value;
  }

  private async prepareOrThrow(ownerId: string, input: QuestionInput): Promise<PreparedQuestion> {
    const { value, errors } = await this.storage.prepare(ownerId, input);
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
