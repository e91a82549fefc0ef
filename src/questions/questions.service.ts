import { Injectable, OnModuleInit } from '@nestjs/common';
import { NotFoundError } from '../common/errors';
import { DocumentsService } from '../documents/documents.service';
import { isObjectIdHex } from '../common/validation';
import { topicKey } from './question-fingerprint';
import { toQuestionView, versionToView } from './question-view';
import type { QuestionView } from './question.types';
import { QuestionsRepository } from './questions.repository';

const MAX_PRACTICE_LIMIT = 500;

/**
 * The question bank as other modules (sessions, reviews, analytics, study plans, comparisons) see
 * it: views only, never storage records. Also keeps a document with questions used by tests from
 * being deleted.
 */
@Injectable()
export class QuestionsService implements OnModuleInit {
  constructor(
    private readonly repo: QuestionsRepository,
    private readonly documents: DocumentsService,
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

  /** The owner's question, or NotFoundError. */
  async getById(ownerId: string, id: string): Promise<QuestionView> {
    const q = isObjectIdHex(id) ? await this.repo.findOwned(ownerId, id.toLowerCase()) : null;
    if (!q) throw new NotFoundError('Question');
    return toQuestionView(q);
  }

  /**
   * The question as it was at `version` (also for archived questions: old answers point at them).
   * No owner check: the caller holds the id in its own records.
   */
  async getVersionUnchecked(questionId: string, version: number): Promise<QuestionView> {
    if (!isObjectIdHex(questionId) || !Number.isInteger(version) || version < 1)
      throw new NotFoundError('Question version');
    const current = await this.repo.findById(questionId);
    if (!current || version > current.version) throw new NotFoundError('Question version');
    const snapshot = await this.repo.findVersion(questionId, version);
    if (snapshot) return versionToView(current, snapshot);
    if (version === current.version) return toQuestionView(current);
    throw new NotFoundError('Question version');
  }

  /**
   * Current versions of questions whose ids came from the caller's own records (session items,
   * review cards): no owner check. Unknown ids are skipped.
   */
  async getManyUnchecked(ids: string[]): Promise<QuestionView[]> {
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
}
