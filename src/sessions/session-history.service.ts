import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors';
import { AbilityEstimates } from './ability-estimates';
import { AnswersRepository, StoredAnswer } from './answers.repository';
import { SessionAccess } from './session-access';
import type {
  AbilityEstimate,
  AnswerRecord,
  DocumentScore,
  MistakeRecord,
  SessionForRecording,
  SessionSummary,
  StreamAnswersOptions,
} from './session.types';
import { SessionRecord, SessionsRepository } from './sessions.repository';

const toAnswerRecord = (answer: StoredAnswer): AnswerRecord => ({
  sessionId: answer.sessionId,
  questionId: answer.questionId,
  questionVersion: answer.questionVersion,
  documentId: answer.documentId,
  topic: answer.topic,
  difficulty: answer.difficulty,
  correct: answer.correct,
  credit: answer.credit,
  responseMs: answer.responseMs,
  answeredAt: answer.answeredAt,
});

const toSessionSummary = (session: SessionRecord): SessionSummary => ({
  id: session.id,
  documentId: session.documentId,
  mode: session.mode,
  status: session.status,
  startedAt: session.startedAt,
  finishedAt: session.finishedAt,
  questionCount: session.questionCount,
  answeredCount: session.answeredCount,
  score: session.score,
});

/**
 * What other modules read of sessions (analytics, predictions, comparisons, reviews, recording):
 * the module's only export. Reads only, apart from expiring overdue exams on the way.
 */
@Injectable()
export class SessionHistoryService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly access: SessionAccess,
    private readonly answers: AnswersRepository,
    private readonly estimates: AbilityEstimates,
  ) {}

  /** The user's answers, ordered by answeredAt ascending; `since` inclusive, `until` exclusive. */
  async *streamAnswers(
    userId: string,
    options: StreamAnswersOptions = {},
  ): AsyncIterable<AnswerRecord> {
    for await (const answer of this.answers.streamOf(userId, options)) {
      yield toAnswerRecord(answer);
    }
  }

  /** The user's sessions started at or after `since`, oldest first (overdue exams expired first). */
  async listSessionsOf(userId: string, options: { since?: Date } = {}): Promise<SessionSummary[]> {
    await this.access.expireOverdue({ userId });
    const sessions = await this.access.withLiveTotals(
      await this.sessions.listOf(userId, options.since),
    );
    return sessions.map(toSessionSummary);
  }

  /** The questions of one of the user's sessions answered wrongly or only partly right. */
  async mistakesOf(userId: string, sessionId: string): Promise<MistakeRecord[]> {
    const session = await this.sessions.findOwned(sessionId, userId);
    if (!session) throw new NotFoundError('Session');
    const answers = await this.answers.ofSession(session.id);
    return answers
      .filter((answer) => !answer.correct)
      .map((answer) => ({
        questionId: answer.questionId,
        questionVersion: answer.questionVersion,
        topic: answer.topic,
      }));
  }

  /** The graded answers of one of the user's sessions (NotFoundError for someone else's). */
  async answersOfSession(userId: string, sessionId: string): Promise<AnswerRecord[]> {
    const session = await this.sessions.findOwned(sessionId, userId);
    if (!session) throw new NotFoundError('Session');
    return (await this.answers.ofSession(session.id)).map(toAnswerRecord);
  }

  /** One of the user's sessions as it stands now (overdue exams expired), or NotFoundError. */
  async sessionOf(userId: string, sessionId: string): Promise<SessionSummary> {
    const [session] = await this.access.withLiveTotals([await this.access.load(userId, sessionId)]);
    return toSessionSummary(session);
  }

  /** The student's ability θ in a topic (Rasch logits); the prior θ = 0 before any answer. */
  abilityOf(userId: string, topic: string): Promise<AbilityEstimate> {
    return this.estimates.thetaOf(userId, topic);
  }

  /**
   * Scores of the ended sessions on a document (finished, or expired at their time limit), oldest
   * first. For anonymised cohort statistics only: never return it to clients as is.
   */
  async scoresOnDocument(documentId: string): Promise<DocumentScore[]> {
    await this.access.expireOverdue({ documentId });
    const sessions = await this.sessions.findEndedOnDocument(documentId);
    return sessions.flatMap((session) =>
      session.score !== null && session.finishedAt
        ? [{ userId: session.userId, score: session.score, finishedAt: session.finishedAt }]
        : [],
    );
  }

  /**
   * For the recording module: the caller's session, with overdue exams expired, or NotFoundError.
   * Also returns which questions have been shown or answered, so events can be checked against them.
   */
  async sessionForRecording(userId: string, sessionId: string): Promise<SessionForRecording> {
    const session = await this.access.load(userId, sessionId);
    return {
      id: session.id,
      status: session.status,
      startedAt: session.startedAt,
      endedAt: session.finishedAt,
      questionIds: session.items.map((item) => item.questionId),
    };
  }

  /** For the recording module: when each question of the session was answered. */
  async answerTimesOf(userId: string, sessionId: string): Promise<Map<string, Date>> {
    const session = await this.access.load(userId, sessionId);
    const answers = await this.answers.ofSession(session.id);
    return new Map(answers.map((answer) => [answer.questionId, answer.answeredAt]));
  }
}
