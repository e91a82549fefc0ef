import { pickContent, type QuestionView } from './question.types';
import type { QuestionRecord, VersionRecord } from './questions.repository';
import type { QuestionSource } from './schemas/question.schema';

/** A stored question with what the API shows besides the contract view. */
export type QuestionDetails = QuestionView & {
  source: QuestionSource;
  usedInTests: number;
  createdAt: Date;
  updatedAt: Date;
};

export const toDetails = (q: QuestionRecord): QuestionDetails => ({
  ...toQuestionView(q),
  source: q.source,
  usedInTests: q.usedInTests,
  createdAt: q.createdAt,
  updatedAt: q.updatedAt,
});

/** The portable form of a question: what export writes and import reads. */
export function toPortable(q: QuestionView): Record<string, unknown> {
  return { ...pickContent(q), documentId: q.documentId };
}

/** The contract view of a stored question (drops storage-only fields). */
export function toQuestionView(q: QuestionRecord): QuestionView {
  return {
    id: q.id,
    ownerId: q.ownerId,
    documentId: q.documentId,
    version: q.version,
    ...pickContent(q),
    answerCount: q.answerCount,
    correctCount: q.correctCount,
  };
}

/** The question as it was at a version; the answer counters are the question's (they are not versioned). */
export function versionToView(current: QuestionRecord, v: VersionRecord): QuestionView {
  return {
    ...toQuestionView(current),
    version: v.version,
    documentId: v.documentId,
    ...pickContent(v),
  };
}
