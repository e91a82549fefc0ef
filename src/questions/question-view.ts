import type { QuestionView } from './question.types';
import type { QuestionRecord, VersionRecord } from './questions.repository';

/** The contract view of a stored question (drops storage-only fields). */
export function toQuestionView(q: QuestionRecord): QuestionView {
  return {
    id: q.id,
    ownerId: q.ownerId,
    documentId: q.documentId,
    version: q.version,
    type: q.type,
    stem: q.stem,
    choices: q.choices,
    correctChoiceIds: q.correctChoiceIds,
    answer: q.answer,
    acceptedAnswers: q.acceptedAnswers,
    topic: q.topic,
    difficulty: q.difficulty,
    explanation: q.explanation,
    citation: q.citation,
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
    type: v.type,
    stem: v.stem,
    choices: v.choices,
    correctChoiceIds: v.correctChoiceIds,
    answer: v.answer,
    acceptedAnswers: v.acceptedAnswers,
    topic: v.topic,
    difficulty: v.difficulty,
    explanation: v.explanation,
    citation: v.citation,
  };
}
