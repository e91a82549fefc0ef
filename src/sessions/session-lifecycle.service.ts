import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, UnprocessableError } from '../common/errors';
import { Page, toPage } from '../common/pagination';
import { shuffle } from '../common/random/shuffle';
import { seededRandom, seedFromString } from '../common/random/seeded-random';
import { QuestionsService } from '../questions/questions.service';
import { AnswersRepository } from './answers.repository';
import type { CreateSessionDto } from './dto/create-session.dto';
import type { SessionResultDto } from './dto/result.dto';
import type { SessionDto } from './dto/session.dto';
import { PresentationsRepository } from './presentations.repository';
import { QuestionVersions } from './question-versions';
import { SessionAccess } from './session-access';
import { summarizeSession } from './session-result';
import { toResultQuestion, toSessionDto } from './session-views';
import { SessionItemRecord, SessionRecord, SessionsRepository } from './sessions.repository';

/** Practice and exam sessions draw from this many candidate questions, shuffled. */
const PRACTICE_POOL = 500;
/** Adaptive sessions pick each question from a pool of up to this many. */
const ADAPTIVE_POOL = 200;

/** Practice, exam and adaptive sessions: building them, listing them, ending them, scoring them. */
@Injectable()
export class SessionLifecycleService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly access: SessionAccess,
    private readonly answers: AnswersRepository,
    private readonly presentations: PresentationsRepository,
    private readonly questions: QuestionsService,
    private readonly versions: QuestionVersions,
    private readonly clock: Clock,
  ) {}

  async create(userId: string, input: CreateSessionDto): Promise<SessionDto> {
    if (input.documentId === undefined && input.topics === undefined)
      throw new InvalidInputError('Give a documentId, topics, or both', [
        { field: 'documentId', message: 'documentId or topics is required' },
      ]);
    if (input.timeLimitSeconds !== undefined && input.mode !== 'exam')
      throw new InvalidInputError('Only exams have a time limit', [
        { field: 'timeLimitSeconds', message: 'timeLimitSeconds is only allowed with mode exam' },
      ]);
    const now = this.clock.now();
    const adaptive = input.mode === 'adaptive';
    const found = await this.questions.findForPractice(userId, {
      documentId: input.documentId?.toLowerCase(),
      topics: input.topics,
      limit: adaptive ? ADAPTIVE_POOL : PRACTICE_POOL,
    });
    if (found.length === 0)
      throw new UnprocessableError('No questions of yours match this document and these topics');
    const random = seededRandom(seedFromString(`${userId}:${now.toISOString()}`));
    const pool = shuffle(found, random);
    const chosen = adaptive ? pool : pool.slice(0, input.questionCount);
    const items: SessionItemRecord[] = chosen.map((question) => ({
      questionId: question.id,
      version: question.version,
      topic: question.topic,
      difficulty: question.difficulty,
    }));
    // Marked first: if the session insert then fails, the questions are only protected needlessly.
    await this.questions.markUsedInTest(items.map((item) => item.questionId));
    const timeLimitMs = input.timeLimitSeconds === undefined ? null : input.timeLimitSeconds * 1000;
    const session = await this.sessions.create({
      userId,
      documentId: input.documentId?.toLowerCase() ?? null,
      topics: input.topics ?? [],
      mode: input.mode,
      scoring: input.scoring ?? 'all-or-nothing',
      questionCount: Math.min(input.questionCount, items.length),
      items,
      timeLimitMs,
      startedAt: now,
      deadlineAt: timeLimitMs === null ? null : new Date(now.getTime() + timeLimitMs),
    });
    return toSessionDto(session, now);
  }

  async page(userId: string, limit: number, cursor?: string): Promise<Page<SessionDto>> {
    await this.access.expireOverdue({ userId });
    const now = this.clock.now();
    const page = toPage(
      await this.access.withLiveTotals(await this.sessions.pageOf(userId, limit, cursor)),
      limit,
    );
    return { items: page.items.map((s) => toSessionDto(s, now)), next: page.next };
  }

  async get(userId: string, sessionId: string): Promise<SessionDto> {
    const [session] = await this.access.withLiveTotals([await this.access.load(userId, sessionId)]);
    return toSessionDto(session, this.clock.now());
  }

  /** Ends the session (again: returns the same result) and returns the result. */
  async finish(userId: string, sessionId: string): Promise<SessionResultDto> {
    let session = await this.access.load(userId, sessionId);
    if (session.status === 'active') session = await this.access.end(session, 'finished');
    return this.result(session);
  }

  async getResult(userId: string, sessionId: string): Promise<SessionResultDto> {
    const session = await this.access.load(userId, sessionId);
    if (session.status === 'active')
      throw new ConflictError(
        `The session is still active: finish it first (POST /api/sessions/${session.id}/finish)`,
      );
    return this.result(session);
  }

  private async result(session: SessionRecord): Promise<SessionResultDto> {
    const answers = await this.answers.ofSession(session.id);
    const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer]));
    // Adaptive sessions asked only the questions presented (the rest of the pool stays hidden).
    const byItem = new Map(session.items.map((item) => [item.questionId, item]));
    const asked =
      session.mode === 'adaptive'
        ? (await this.presentations.ofSession(session.id)).map((p) => byItem.get(p.questionId)!)
        : session.items;
    const summary = summarizeSession(asked, answers, session.questionCount);
    const questions = await this.versions.load(asked);
    const end = session.finishedAt ?? this.clock.now();
    return {
      session: toSessionDto(session, this.clock.now()),
      score: summary.score,
      questionCount: summary.questionCount,
      answeredCount: summary.answeredCount,
      correctCount: summary.correctCount,
      creditSum: summary.creditSum,
      timeUsedMs: end.getTime() - session.startedAt.getTime(),
      answeringMs: summary.answeringMs,
      byTopic: summary.byTopic,
      byDifficulty: summary.byDifficulty,
      questions: questions.map((q, i) => toResultQuestion(q, i + 1, byQuestion.get(q.id))),
    };
  }
}
