import { pickContent, type QuestionView } from './question.types';
import type { QuestionRecord, VersionRecord } from './questions.repository';

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
