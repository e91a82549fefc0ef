import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { AppConfig } from '../config';
import { ExperimentsService } from '../experiments/experiments.service';
import { AbilityEstimates } from './ability-estimates';
import { pickAdaptiveQuestion } from './adaptive-selection';
import { AnswerShapeError, checkAnswer, gradeAnswer } from './answer-check';
import { AnswerRecorder } from './answer-recorder';
import { AnswersRepository } from './answers.repository';
import type { AnswerResultDto, SubmitAnswerDto } from './dto/answer.dto';
import type { ExamPaperDto, NextQuestionDto } from './dto/question.dto';
import { PresentationsRepository } from './presentations.repository';
import { QuestionVersions } from './question-versions';
import { SessionAccess } from './session-access';
import { explanationInStyle, SESSION_EXPERIMENTS, targetSuccessOf } from './session-experiments';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { ANSWERS_RECORDED } from '../infra/metrics/business-metrics';
import { remainingMs, toAnswerResult, toPrompt } from './session-views';
import type { SessionItemRecord, SessionRecord } from './sessions.repository';

/** Serving a session's questions and taking its answers; adaptive sessions choose as they go. */
@Injectable()
export class AnsweringService {
  private readonly targetSuccess: number;

  constructor(
    private readonly access: SessionAccess,
    private readonly answers: AnswersRepository,
    private readonly presentations: PresentationsRepository,
    private readonly estimates: AbilityEstimates,
    private readonly recorder: AnswerRecorder,
    private readonly versions: QuestionVersions,
    private readonly clock: Clock,
    private readonly experiments: ExperimentsService,
    config: AppConfig,
    @InjectMetric(ANSWERS_RECORDED) private readonly answersRecorded: Counter<'mode' | 'correct'>,
  ) {
    this.targetSuccess = config.adaptive.targetSuccess;
  }

  /** The question to answer now; the same one until it is answered. */
  async next(userId: string, sessionId: string): Promise<NextQuestionDto> {
    const session = await this.access.loadActive(userId, sessionId);
    const answered = await this.answeredIn(session);
    const progress = {
      answeredCount: answered.size,
      questionCount: session.questionCount,
      remainingMs: remainingMs(session, this.clock.now()),
    };
    if (answered.size >= session.questionCount) return { done: true, question: null, ...progress };
    const item = await this.present(session, answered);
    const [question] = await this.versions.load([item]);
    return {
      done: false,
      question: toPrompt(question, answered.size + 1, false),
      ...progress,
    };
  }

  /** Exams: the whole paper, in order, so the student can answer in any order. */
  async paper(userId: string, sessionId: string): Promise<ExamPaperDto> {
    const session = await this.access.loadActive(userId, sessionId);
    if (session.mode !== 'exam')
      throw new ConflictError(
        `A ${session.mode} session shows one question at a time: use GET /api/sessions/${session.id}/next`,
      );
    const answered = await this.answeredIn(session);
    const questions = await this.versions.load(session.items);
    return {
      questions: questions.map((q, i) => toPrompt(q, i + 1, answered.has(q.id))),
      remainingMs: remainingMs(session, this.clock.now()),
    };
  }

  /**
   * Checks and grades an answer, then records it. Answering a question again returns the first
   * result unchanged (`created: false`) and records nothing.
   */
  async answer(
    userId: string,
    sessionId: string,
    input: SubmitAnswerDto,
  ): Promise<{ created: boolean; result: AnswerResultDto }> {
    const session = await this.access.loadActive(userId, sessionId);
    const questionId = input.questionId.toLowerCase();
    const item = session.items.find((candidate) => candidate.questionId === questionId);
    if (!item) throw new NotFoundError('Question', { questionId, reason: 'not in this session' });
    const withFeedback = session.mode !== 'exam';
    if (session.mode !== 'exam' && !(await this.presentations.wasPresented(session.id, questionId)))
      throw new ConflictError(
        `Question ${questionId} has not been presented yet: answer the question from GET /api/sessions/${session.id}/next`,
      );
    const [question] = await this.versions.load([item]);
    let checked;
    try {
      checked = checkAnswer(question, input);
    } catch (error) {
      if (error instanceof AnswerShapeError) throw new InvalidInputError(error.message);
      throw error;
    }
    const grade = gradeAnswer(question, checked, session.scoring);
    const { answer, created } = await this.recorder.record({
      session,
      item,
      documentId: question.documentId,
      answer: checked,
      correct: grade.correct,
      credit: grade.credit,
      responseMs: input.timeTakenMs,
    });
    if (created) this.answersRecorded.inc({ mode: session.mode, correct: String(grade.correct) });
    const result = toAnswerResult(answer, question, withFeedback);
    if (result.feedback && !result.feedback.correct) {
      const style = await this.experiments.variantFor(userId, SESSION_EXPERIMENTS.explanationStyle);
      result.feedback.explanation = explanationInStyle(result.feedback.explanation, style?.value);
    }
    return { created, result };
  }

  private async answeredIn(session: SessionRecord): Promise<Set<string>> {
    return new Set((await this.answers.ofSession(session.id)).map((answer) => answer.questionId));
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

  /**
   * The open question whose predicted success is closest to the target, θ per topic; the target
   * comes from the user's variant of the target-success experiment when one runs.
   */
  private async chooseAdaptive(
    session: SessionRecord,
    open: SessionItemRecord[],
  ): Promise<SessionItemRecord> {
    const { thetaOf, difficultyOf } = await this.estimates.forSelection(session.userId, open);
    const pool = open.map((item) => ({
      id: item.questionId,
      topic: item.topic,
      difficulty: difficultyOf(item.questionId),
      answered: false,
      item,
    }));
    const variant = await this.experiments.variantFor(
      session.userId,
      SESSION_EXPERIMENTS.targetSuccess,
    );
    const target = targetSuccessOf(variant?.value) ?? this.targetSuccess;
    return pickAdaptiveQuestion(pool, thetaOf, target)!.item;
  }
}
