import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError } from '../common/errors';
import { CacheTags } from '../infra/cache/cache-tags.service';
import { EventBus } from '../infra/events/event-bus';
import { AnswerRecorder } from './answer-recorder';
import { AnswersRepository } from './answers.repository';
import { SessionRecord, SessionsRepository } from './sessions.repository';

/**
 * Reading sessions as they stand now, for the session services: an exam past its deadline is
 * expired on the way, and active sessions carry their live answer totals.
 */
@Injectable()
export class SessionAccess {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly answers: AnswersRepository,
    private readonly recorder: AnswerRecorder,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly cacheTags: CacheTags,
  ) {}

  /** The caller's session, or 404; an exam past its deadline is expired on the way. */
  async load(userId: string, sessionId: string): Promise<SessionRecord> {
    const session = await this.sessions.findOwned(sessionId, userId);
    if (!session) throw new NotFoundError('Session');
    if (isOverdue(session, this.clock.now())) return this.end(session, 'expired');
    return session;
  }

  /** The caller's active session, or 404, or 409 once it is finished or expired. */
  async loadActive(userId: string, sessionId: string): Promise<SessionRecord> {
    const session = await this.load(userId, sessionId);
    if (session.status === 'finished')
      throw new ConflictError('The session is finished: no more questions or answers');
    if (session.status === 'expired')
      throw new ConflictError(
        `The time limit of this exam passed at ${session.deadlineAt?.toISOString()}: no more answers`,
      );
    return session;
  }

  async expireOverdue(scope: { userId: string } | { documentId: string }): Promise<void> {
    const overdue = await this.sessions.findOverdue(scope, this.clock.now());
    for (const session of overdue) await this.end(session, 'expired');
  }

  /** Ends an active session: completes interrupted answers, then freezes the counts and the score. */
  async end(session: SessionRecord, status: 'finished' | 'expired'): Promise<SessionRecord> {
    const now = this.clock.now();
    await this.recorder.repairSession(session.id);
    const totals = await this.answers.totalsOf(session.id);
    const finishedAt = status === 'expired' && session.deadlineAt ? session.deadlineAt : now;
    const ended = await this.sessions.end(session.id, status, finishedAt, {
      ...totals,
      score: totals.creditSum / session.questionCount,
    });
    // Null: a concurrent request ended it first; its outcome stands (and it told the listeners).
    if (ended) {
      // A finished session's score counts in its student's figures and its document's cohort.
      const tags = [`user:${ended.userId}`, `session:${ended.id}`];
      if (ended.documentId) tags.push(`document:${ended.documentId}`);
      await this.cacheTags.invalidate(...tags);
      this.publishFinished(ended);
    }
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

  /** Active sessions' answer totals counted now (ended ones keep the totals frozen at the end). */
  async withLiveTotals(sessions: SessionRecord[]): Promise<SessionRecord[]> {
    const active = sessions.filter((s) => s.status === 'active').map((s) => s.id);
    const totals = await this.answers.totalsBySession(active);
    return sessions.map((s) =>
      s.status === 'active'
        ? { ...s, ...(totals.get(s.id) ?? { answeredCount: 0, creditSum: 0 }) }
        : s,
    );
  }
}

function isOverdue(session: SessionRecord, now: Date): boolean {
  return session.status === 'active' && session.deadlineAt !== null && session.deadlineAt <= now;
}
