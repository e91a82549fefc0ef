import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  UnprocessableError,
} from '../common/errors';
import { Page, toPage } from '../common/pagination';
import { seededRandom, seedFromString } from '../common/random/seeded-random';
import { AppConfig } from '../config';
import type { QuestionView } from '../questions/question.types';
import { QuestionsService } from '../questions/questions.service';
import { fractionToLogit, updateAbility } from './ability';
import { pickAdaptiveQuestion } from './adaptive-selection';
import { AbilitiesRepository, difficultyKey, thetaKey } from './abilities.repository';
import { AnswerEffects } from './answer-effects';
import { AnswerShapeError, checkAnswer, gradeAnswer } from './answer-check';
import { answerId, AnswersRepository, StoredAnswer } from './answers.repository';
import { PresentationsRepository } from './presentations.repository';
import { QuestionVersions } from './question-versions';
import type { AnswerResultDto, SubmitAnswerDto } from './dto/answer.dto';
import type { CreateSessionDto } from './dto/create-session.dto';
import type { ExamPaperDto, NextQuestionDto } from './dto/question.dto';
import type { SessionResultDto } from './dto/result.dto';
import type { SessionDto } from './dto/session.dto';
import { summarizeSession } from './session-result';
import {
  remainingMs,
  toAnswerResult,
  toPrompt,
  toResultQuestion,
  toSessionDto,
} from './session-views';
import { SessionItemRecord, SessionRecord, SessionsRepository } from './sessions.repository';
import { EventBus } from '../infra/events/event-bus';
import type {
  AbilityEstimate,
  AnswerRecord,
  DocumentScore,
  MistakeRecord,
  SessionSummary,
  StreamAnswersOptions,
} from './session.types';

/** Practice and exam sessions draw from this many candidate questions, shuffled. */
const PRACTICE_POOL = 500;
/** Adaptive sessions pick each question from a pool of up to this many. */
const ADAPTIVE_POOL = 200;

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

/** Practice, exam and adaptive sessions: building them, serving questions, grading, scoring. */
@Injectable()
export class SessionsService {
  private readonly targetSuccess: number;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly answers: AnswersRepository,
    private readonly presentations: PresentationsRepository,
    private readonly abilities: AbilitiesRepository,
    private readonly effects: AnswerEffects,
    private readonly questions: QuestionsService,
    private readonly versions: QuestionVersions,
    private readonly clock: Clock,
    private readonly events: EventBus,
    config: AppConfig,
  ) {
    this.targetSuccess = config.adaptive.targetSuccess;
  }

  // ---- HTTP use cases -------------------------------------------------------------------------

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
    await this.expireOverdue({ userId });
    const now = this.clock.now();
    const page = toPage(
      await this.withLiveTotals(await this.sessions.pageOf(userId, limit, cursor)),
      limit,
    );
    return { items: page.items.map((s) => toSessionDto(s, now)), next: page.next };
  }

  async get(userId: string, sessionId: string): Promise<SessionDto> {
    const [session] = await this.withLiveTotals([await this.load(userId, sessionId)]);
    return toSessionDto(session, this.clock.now());
  }

  /** The question to answer now; the same one until it is answered. */
  async next(userId: string, sessionId: string): Promise<NextQuestionDto> {
    const session = this.requireActive(await this.load(userId, sessionId));
    const answered = new Set(
      (await this.answers.ofSession(session.id)).map((answer) => answer.questionId),
    );
    const progress = {
      answeredCount: answered.size,
      questionCount: session.questionCount,
      remainingMs: remainingMs(session, this.clock.now()),
    };
    if (answered.size >= session.questionCount) return { done: true, question: null, ...progress };
    const item = await this.present(session, answered);
    const [question] = await this.loadVersions([item]);
    return {
      done: false,
      question: toPrompt(question, answered.size + 1, false),
      ...progress,
    };
  }

  /** Exams: the whole paper, in order, so the student can answer in any order. */
  async paper(userId: string, sessionId: string): Promise<ExamPaperDto> {
    const session = this.requireActive(await this.load(userId, sessionId));
    if (session.mode !== 'exam')
      throw new ConflictError(
        `A ${session.mode} session shows one question at a time: use GET /api/sessions/${session.id}/next`,
      );
    const answered = new Set(
      (await this.answers.ofSession(session.id)).map((answer) => answer.questionId),
    );
    const questions = await this.loadVersions(session.items);
    return {
      questions: questions.map((q, i) => toPrompt(q, i + 1, answered.has(q.id))),
      remainingMs: remainingMs(session, this.clock.now()),
    };
  }

  /**
   * Records and grades an answer. Answering a question again returns the first result unchanged
   * (`created: false`) and records nothing.
   */
  async answer(
    userId: string,
    sessionId: string,
    input: SubmitAnswerDto,
  ): Promise<{ created: boolean; result: AnswerResultDto }> {
    const session = this.requireActive(await this.load(userId, sessionId));
    const questionId = input.questionId.toLowerCase();
    const item = session.items.find((candidate) => candidate.questionId === questionId);
    if (!item) throw new NotFoundError('Question', { questionId, reason: 'not in this session' });
    const withFeedback = session.mode !== 'exam';
    if (session.mode !== 'exam' && !(await this.presentations.wasPresented(session.id, questionId)))
      throw new ConflictError(
        `Question ${questionId} has not been presented yet: answer the question from GET /api/sessions/${session.id}/next`,
      );
    const [question] = await this.loadVersions([item]);
    let checked;
    try {
      checked = checkAnswer(question, input);
    } catch (error) {
      if (error instanceof AnswerShapeError) throw new InvalidInputError(error.message);
      throw error;
    }
    const grade = gradeAnswer(question, checked, session.scoring);
    // The current estimates, and the Elo step this answer makes to both (stored with the answer).
    // A repeated answer is caught by the insert below (its `_id` is the session and question).
    const [theta, shift] = await Promise.all([
      this.abilities.get(thetaKey(userId, item.topic)),
      this.abilities.get(difficultyKey(item.questionId)),
    ]);
    const ability = { theta: theta?.value ?? 0, answers: theta?.answers ?? 0 };
    const itemDifficulty = {
      difficulty: fractionToLogit(item.difficulty) + (shift?.value ?? 0),
      answers: shift?.answers ?? 0,
    };
    const step = updateAbility(ability, itemDifficulty, grade.credit);
    const id = answerId(session.id, item.questionId);
    const effect = {
      answerId: id,
      sessionId: session.id,
      userId,
      topic: item.topic,
      questionId: item.questionId,
      correct: grade.correct,
      thetaDelta: step.student.theta - ability.theta,
      difficultyDelta: step.item.difficulty - itemDifficulty.difficulty,
      createdAt: this.clock.now(),
    };
    // What the answer owes is written first, so a crash after storing it is repaired.
    if (!(await this.effects.record(effect))) {
      const earlier = await this.answers.findOne(session.id, item.questionId);
      if (earlier)
        return { created: false, result: toAnswerResult(earlier, question, withFeedback) };
      throw new ConflictError('This answer is being recorded: send it again in a moment');
    }
    const { answer, created } = await this.answers.insertOnce({
      sessionId: session.id,
      userId,
      questionId: item.questionId,
      questionVersion: item.version,
      documentId: question.documentId,
      topic: item.topic,
      difficulty: item.difficulty,
      ...checked,
      correct: grade.correct,
      credit: grade.credit,
      responseMs: input.timeTakenMs,
      answeredAt: effect.createdAt,
      expected: step.expected,
      thetaDelta: effect.thetaDelta,
      difficultyDelta: effect.difficultyDelta,
    });
    if (created) await this.effects.apply(effect, { theta, difficulty: shift });
    else await this.effects.discard(id);
    return { created, result: toAnswerResult(answer, question, withFeedback) };
  }

  /** Ends the session (again: returns the same result) and returns the result. */
  async finish(userId: string, sessionId: string): Promise<SessionResultDto> {
    let session = await this.load(userId, sessionId);
    if (session.status === 'active') session = await this.end(session, 'finished');
    return this.result(session);
  }

  async getResult(userId: string, sessionId: string): Promise<SessionResultDto> {
    const session = await this.load(userId, sessionId);
    if (session.status === 'active')
      throw new ConflictError(
        `The session is still active: finish it first (POST /api/sessions/${session.id}/finish)`,
      );
    return this.result(session);
  }

  /**
   * For the recording module: the caller's session, with overdue exams expired, or NotFoundError.
   * Also returns which questions have been shown or answered, so events can be checked against them.
   */
  async sessionForRecording(
    userId: string,
    sessionId: string,
  ): Promise<{
    id: string;
    status: SessionRecord['status'];
    startedAt: Date;
    endedAt: Date | null;
    questionIds: string[];
  }> {
    const session = await this.load(userId, sessionId);
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
    const session = await this.load(userId, sessionId);
    const answers = await this.answers.ofSession(session.id);
    return new Map(answers.map((answer) => [answer.questionId, answer.answeredAt]));
  }

  // ---- The contract other modules read --------------------------------------------------------

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
    await this.expireOverdue({ userId });
    const sessions = await this.withLiveTotals(await this.sessions.listOf(userId, options.since));
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

  /** The student's ability θ in a topic (Rasch logits); the prior θ = 0 before any answer. */
  async abilityOf(userId: string, topic: string): Promise<AbilityEstimate> {
    const estimate = await this.abilities.get(thetaKey(userId, topic));
    return { theta: estimate?.value ?? 0, answers: estimate?.answers ?? 0 };
  }

  /**
   * Scores of the ended sessions on a document (finished, or expired at their time limit), oldest
   * first. For anonymised cohort statistics only: never return it to clients as is.
   */
  async scoresOnDocument(documentId: string): Promise<DocumentScore[]> {
    await this.expireOverdue({ documentId });
    const sessions = await this.sessions.findEndedOnDocument(documentId);
    return sessions.flatMap((session) =>
      session.score !== null && session.finishedAt
        ? [{ userId: session.userId, score: session.score, finishedAt: session.finishedAt }]
        : [],
    );
  }

  // ---- internals ------------------------------------------------------------------------------

  /** The caller's session, or 404; an exam past its deadline is expired on the way. */
  private async load(userId: string, sessionId: string): Promise<SessionRecord> {
    const session = await this.sessions.findOwned(sessionId, userId);
    if (!session) throw new NotFoundError('Session');
    if (isOverdue(session, this.clock.now())) return this.end(session, 'expired');
    return session;
  }

  private requireActive(session: SessionRecord): SessionRecord {
    if (session.status === 'finished')
      throw new ConflictError('The session is finished: no more questions or answers');
    if (session.status === 'expired')
      throw new ConflictError(
        `The time limit of this exam passed at ${session.deadlineAt?.toISOString()}: no more answers`,
      );
    return session;
  }

  private async expireOverdue(scope: { userId: string } | { documentId: string }): Promise<void> {
    const overdue = await this.sessions.findOverdue(scope, this.clock.now());
    for (const session of overdue) await this.end(session, 'expired');
  }

  /** Ends an active session: completes interrupted answers, then freezes the counts and the score. */
  private async end(
    session: SessionRecord,
    status: 'finished' | 'expired',
  ): Promise<SessionRecord> {
    const now = this.clock.now();
    await this.effects.repairSession(session.id);
    const totals = await this.answers.totalsOf(session.id);
    const finishedAt = status === 'expired' && session.deadlineAt ? session.deadlineAt : now;
    const ended = await this.sessions.end(session.id, status, finishedAt, {
      ...totals,
      score: totals.creditSum / session.questionCount,
    });
    // Null: a concurrent request ended it first; its outcome stands (and it told the listeners).
    if (ended) this.publishFinished(ended);
    return ended ?? (await this.sessions.findOwned(session.id, session.userId)) ?? session;
  }

  private publishFinished(session: SessionRecord): void {
    this.events.publish({
      type: 'session.finished',
      userId: session.userId,
      occurredAt: session.finishedAt ?? this.clock.now(),
      data: {
        sessionId: session.id,
        mode: session.mode,
        status: session.status,
        questionCount: session.questionCount,
        score: session.score,
      },
    });
  }

  /**
   * The question to present: exams go through the paper in order; practice and adaptive sessions
   * re-serve the question shown for the current slot, or choose one and claim the slot (the unique
   * key lets one of two concurrent calls win, and both serve its choice).
   */
  private async present(session: SessionRecord, answered: Set<string>): Promise<SessionItemRecord> {
    const open = session.items.filter((item) => !answered.has(item.questionId));
    if (session.mode === 'exam') return open[0];
    const slot = answered.size;
    const byId = new Map(session.items.map((item) => [item.questionId, item]));
    const shown = (await this.presentations.ofSession(session.id)).find((p) => p.slot === slot);
    if (shown) return byId.get(shown.questionId)!;
    const chosen = session.mode === 'adaptive' ? await this.chooseAdaptive(session, open) : open[0];
    const winner = await this.presentations.claim(session.id, {
      slot,
      questionId: chosen.questionId,
      presentedAt: this.clock.now(),
    });
    return byId.get(winner.questionId)!;
  }

  /** The open question whose predicted success is closest to the target, θ per topic. */
  private async chooseAdaptive(
    session: SessionRecord,
    open: SessionItemRecord[],
  ): Promise<SessionItemRecord> {
    const topics = [...new Set(open.map((item) => item.topic))];
    const [thetas, difficulties] = await Promise.all([
      this.abilities.getMany(topics.map((topic) => thetaKey(session.userId, topic))),
      this.difficultiesOf(open),
    ]);
    const pool = open.map((item) => ({
      id: item.questionId,
      topic: item.topic,
      difficulty: difficulties.get(item.questionId)!.difficulty,
      answered: false,
      item,
    }));
    const picked = pickAdaptiveQuestion(
      pool,
      (topic) => thetas.get(thetaKey(session.userId, topic))?.value ?? 0,
      this.targetSuccess,
    );
    return picked!.item;
  }

  /**
   * The questions' difficulties b in logits: the prior from the pinned version's 0..1 difficulty
   * plus the Elo steps of every answer to the question.
   */
  private async difficultiesOf(
    items: SessionItemRecord[],
  ): Promise<Map<string, { difficulty: number; answers: number }>> {
    const shifts = await this.abilities.getMany(
      items.map((item) => difficultyKey(item.questionId)),
    );
    return new Map(
      items.map((item) => {
        const shift = shifts.get(difficultyKey(item.questionId));
        return [
          item.questionId,
          {
            difficulty: fractionToLogit(item.difficulty) + (shift?.value ?? 0),
            answers: shift?.answers ?? 0,
          },
        ];
      }),
    );
  }

  /** Active sessions' answer totals counted now (ended ones keep the totals frozen at the end). */
  private async withLiveTotals(sessions: SessionRecord[]): Promise<SessionRecord[]> {
    const active = sessions.filter((s) => s.status === 'active').map((s) => s.id);
    const totals = await this.answers.totalsBySession(active);
    return sessions.map((s) =>
      s.status === 'active'
        ? { ...s, ...(totals.get(s.id) ?? { answeredCount: 0, creditSum: 0 }) }
        : s,
    );
  }

  private loadVersions(items: SessionItemRecord[]): Promise<QuestionView[]> {
    return this.versions.load(items);
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
    const questions = await this.loadVersions(asked);
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

function isOverdue(session: SessionRecord, now: Date): boolean {
  return session.status === 'active' && session.deadlineAt !== null && session.deadlineAt <= now;
}

/** Fisher–Yates with the given random source. */
function shuffle<T>(values: readonly T[], random: () => number): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
