import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  TooManyRequestsError,
} from '../common/errors';
import { toPage } from '../common/pagination';
import { SessionHistoryService } from '../sessions/session-history.service';
import type {
  BatchReceiptDto,
  EventBatchDto,
  HeatmapDto,
  QuestionTimelineDto,
  RecordedEventDto,
  ReplayPageDto,
  TimelineDto,
} from './dto/events.dto';
import { EventRateLimiter } from './event-rate-limiter';
import {
  buildHeatmap,
  checkEvents,
  HEATMAP_GRID,
  heatmapCell,
  IncomingEvent,
  MAX_BATCH_EVENTS,
  POINTER_TYPES,
} from './event-rules';
import { RecordingRepository, StoredEvent } from './recording.repository';

/** Answer changes listed per question in a timeline; beyond it the count still grows. */
const MAX_CHANGES_PER_QUESTION = 1000;

/** What a client sees of a stored event: everything but the batch bookkeeping. */
const toRecordedEvent = ({
  batchId: _batchId,
  seq: _seq,
  ...event
}: StoredEvent): RecordedEventDto => event;

/** Session recording: interaction events in, replay, answer timelines and heatmaps out. */
@Injectable()
export class RecordingService {
  constructor(
    private readonly events: RecordingRepository,
    private readonly sessions: SessionHistoryService,
    private readonly limiter: EventRateLimiter,
    private readonly clock: Clock,
  ) {}

  /** Validates the whole batch, then counts it against the session's rate, then stores it. */
  async record(userId: string, sessionId: string, batch: EventBatchDto): Promise<BatchReceiptDto> {
    const session = await this.sessions.sessionForRecording(userId, sessionId);
    if (session.status !== 'active')
      throw new ConflictError(`The session is ${session.status}: it takes no more events`);
    if (batch.events.length === 0) throw new InvalidInputError('The batch has no events');
    if (batch.events.length > MAX_BATCH_EVENTS)
      throw new PayloadTooLargeError(
        `A batch holds at most ${MAX_BATCH_EVENTS} events (got ${batch.events.length}): send smaller batches`,
      );
    const now = this.clock.now();
    const incoming: IncomingEvent[] = batch.events.map((event) => ({
      ...event,
      at: new Date(event.at),
      questionId: event.questionId?.toLowerCase(),
    }));
    const problems = checkEvents(incoming, {
      questionIds: new Set(session.questionIds),
      startedAt: session.startedAt,
      now,
    });
    if (problems.length > 0) throw new InvalidInputError('Invalid events', problems);
    const rate = await this.limiter.allow(session.id);
    if (!rate.allowed)
      throw new TooManyRequestsError(
        `Too many event batches for this session: try again in ${rate.retryAfterSeconds} s`,
      );
    const stored = await this.events.insertBatch(
      incoming.map((event, seq) => {
        const cell =
          event.x !== undefined && event.y !== undefined ? heatmapCell(event.x, event.y) : null;
        return {
          sessionId: session.id,
          userId,
          batchId: batch.batchId,
          seq,
          type: event.type,
          at: event.at,
          receivedAt: now,
          questionId: event.questionId ?? null,
          x: event.x ?? null,
          y: event.y ?? null,
          cellX: cell?.cellX ?? null,
          cellY: cell?.cellY ?? null,
          target: event.target ?? null,
          key: event.key ?? null,
          value: event.value ?? null,
          visible: event.visible ?? null,
          scrollY: event.scrollY ?? null,
        };
      }),
    );
    return { accepted: stored.inserted, duplicates: stored.duplicates };
  }

  /** The session's events in client-time order, a page at a time. */
  async replay(
    userId: string,
    sessionId: string,
    limit: number,
    cursor?: string,
  ): Promise<ReplayPageDto> {
    const session = await this.sessions.sessionForRecording(userId, sessionId);
    const rows = await this.events.page(session.id, limit, cursor);
    if (rows === null) throw new NotFoundError('Cursor', { cursor });
    const page = toPage(rows.map(toRecordedEvent), limit);
    return page;
  }

  /** Per question of the session: how the answer changed over time, and when it was submitted. */
  async timeline(userId: string, sessionId: string): Promise<TimelineDto> {
    const session = await this.sessions.sessionForRecording(userId, sessionId);
    const answeredAt = await this.sessions.answerTimesOf(userId, session.id);
    const byQuestion = new Map<string, QuestionTimelineDto>();
    const entry = (questionId: string) => {
      let line = byQuestion.get(questionId);
      if (!line) {
        line = { questionId, changeCount: 0, changes: [], answeredAt: null };
        byQuestion.set(questionId, line);
      }
      return line;
    };
    for await (const event of this.events.streamOfType(session.id, 'answer-change')) {
      if (event.questionId === null || event.value === null) continue;
      const line = entry(event.questionId);
      line.changeCount += 1;
      if (line.changes.length < MAX_CHANGES_PER_QUESTION)
        line.changes.push({ at: event.at, value: event.value });
    }
    for (const [questionId, at] of answeredAt) entry(questionId).answeredAt = at;
    const order = new Map(session.questionIds.map((id, i) => [id, i]));
    return {
      questions: [...byQuestion.values()].sort(
        (a, b) => (order.get(a.questionId) ?? 0) - (order.get(b.questionId) ?? 0),
      ),
    };
  }

  /** Click and mouse-position density per question area, on a grid of cells. */
  async heatmap(userId: string, sessionId: string): Promise<HeatmapDto> {
    const session = await this.sessions.sessionForRecording(userId, sessionId);
    const counts = await this.events.heatmapCounts(session.id, POINTER_TYPES);
    return { grid: HEATMAP_GRID, questions: buildHeatmap(counts, session.questionIds) };
  }
}
