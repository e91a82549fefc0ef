import type { QuestionView } from '../questions/question.types';
import type { StoredAnswer } from './answers.repository';
import type { AnswerKeyDto, AnswerResultDto, GivenAnswerDto } from './dto/answer.dto';
import type { QuestionPromptDto } from './dto/question.dto';
import type { ResultQuestionDto } from './dto/result.dto';
import type { SessionDto } from './dto/session.dto';
import type { SessionRecord } from './sessions.repository';

/**
 * Every shape a client sees is built here, field by field, so the answer key only appears in the
 * two views that are allowed to show it: feedback after an answer (practice, adaptive) and the result.
 */
export function toSessionDto(session: SessionRecord, now: Date): SessionDto {
  return {
    id: session.id,
    documentId: session.documentId,
    topics: session.topics,
    mode: session.mode,
    status: session.status,
    scoring: session.scoring,
    questionCount: session.questionCount,
    answeredCount: session.answeredCount,
    timeLimitSeconds: session.timeLimitMs === null ? null : session.timeLimitMs / 1000,
    startedAt: session.startedAt,
    deadlineAt: session.deadlineAt,
    finishedAt: session.finishedAt,
    remainingMs: remainingMs(session, now),
    score: session.score,
  };
}

export function remainingMs(session: SessionRecord, now: Date): number | null {
  if (session.status !== 'active' || !session.deadlineAt) return null;
  return Math.max(0, session.deadlineAt.getTime() - now.getTime());
}

/** The question without its key, explanation or citation. */
export function toPrompt(
  question: QuestionView,
  position: number,
  answered: boolean,
): QuestionPromptDto {
  return {
    id: question.id,
    version: question.version,
    type: question.type,
    stem: question.stem,
    choices: question.choices.map((choice) => ({ id: choice.id, text: choice.text })),
    topic: question.topic,
    position,
    answered,
  };
}

export function toAnswerKey(question: QuestionView): AnswerKeyDto {
  return {
    correctChoiceIds: [...question.correctChoiceIds],
    answer: question.answer,
    acceptedAnswers: [...question.acceptedAnswers],
    explanation: question.explanation,
    citation: question.citation
      ? {
          chunkId: question.citation.chunkId,
          page: question.citation.page,
          start: question.citation.start,
          end: question.citation.end,
          snippet: question.citation.snippet,
        }
      : null,
  };
}

export function toGiven(answer: StoredAnswer): GivenAnswerDto {
  return { choiceIds: answer.choiceIds, text: answer.text, value: answer.value };
}

/** The reply to an answer: feedback with the key only when the mode allows it. */
export function toAnswerResult(
  answer: StoredAnswer,
  question: QuestionView,
  withFeedback: boolean,
): AnswerResultDto {
  const result: AnswerResultDto = {
    questionId: answer.questionId,
    questionVersion: answer.questionVersion,
    given: toGiven(answer),
    timeTakenMs: answer.responseMs,
    answeredAt: answer.answeredAt,
  };
  if (withFeedback) {
    result.feedback = { correct: answer.correct, credit: answer.credit, ...toAnswerKey(question) };
  }
  return result;
}

/** One question of a result: what was given, what was right, why, and where it comes from. */
export function toResultQuestion(
  question: QuestionView,
  position: number,
  answer: StoredAnswer | undefined,
): ResultQuestionDto {
  return {
    position,
    questionId: question.id,
    version: question.version,
    type: question.type,
    stem: question.stem,
    choices: question.choices.map((choice) => ({ id: choice.id, text: choice.text })),
    topic: question.topic,
    difficulty: question.difficulty,
    given: answer ? toGiven(answer) : null,
    correct: answer?.correct ?? false,
    credit: answer?.credit ?? 0,
    timeTakenMs: answer?.responseMs ?? null,
    ...toAnswerKey(question),
  };
}
