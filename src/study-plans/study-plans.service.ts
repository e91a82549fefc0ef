import { Injectable } from '@nestjs/common';
import { AnalyticsService, MASTERY_MODEL } from '../analytics/analytics.service';
import { Clock } from '../common/clock';
import { toPage } from '../common/pagination';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { clamp } from '../common/stats';
import { AppConfig } from '../config';
import { QuestionsService } from '../questions/questions.service';
import { ReviewsService } from '../reviews/reviews.service';
import type {
  GeneratePlanDto,
  NextSessionDto,
  PlanProgressDto,
  PlanSessionDto,
  StudyPlanDto,
  StudyPlanPageDto,
} from './dto/study-plan.dto';
import { studyPlanCalendar } from './ical';
import { generatePlan, progress, replan, type PlannedSession, type StudyPlan } from './planner';
import { type PlanRecord, StudyPlansRepository } from './study-plans.repository';

const MAX_TOPICS = 50;
const MAX_DOCUMENT_QUESTIONS = 500;
/** Session length without any history, and the range a fingerprint's median is held to. */
const DEFAULT_SESSION_MINUTES = 30;
const MIN_SESSION_MINUTES = 15;
const MAX_SESSION_MINUTES = 90;
const DEFAULT_DAY_START_MINUTE = 18 * 60;
const REPLAN_ATTEMPTS = 3;

/**
 * Study plans laid out by the planner core from the student's figures: mastery and learning
 * velocity per topic (analytics), recall and due reviews per topic (reviews), and the session
 * length and preferred hour of their behavioural fingerprint.
 */
@Injectable()
export class StudyPlansService {
  constructor(
    private readonly plans: StudyPlansRepository,
    private readonly analytics: AnalyticsService,
    private readonly reviews: ReviewsService,
    private readonly questions: QuestionsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async generate(userId: string, input: GeneratePlanDto): Promise<StudyPlanDto> {
    const now = this.clock.now();
    const deadline = new Date(input.deadline);
    if (!Number.isFinite(deadline.getTime()))
      throw new InvalidInputError('deadline must be a valid date');
    if (deadline <= now) throw new InvalidInputError('the deadline must be in the future');
    const documentIds = (input.documentIds ?? []).map((id) => id.toLowerCase());
    const topics = await this.topicsFor(userId, documentIds, input.topics ?? []);

    const [mastery, velocity, fingerprint, cards] = await Promise.all([
      this.analytics.computeMastery(userId, now),
      this.analytics.computeVelocity(userId),
      this.analytics.computeFingerprint(userId, now),
      this.reviews.cardsByTopic(userId, topics, deadline),
    ]);
    const masteryOf = new Map(mastery.map((m) => [m.topic, m.mastery]));
    const velocityOf = new Map(velocity.topics.map((v) => [v.topic, v.perStudyHour]));
    const cardsOf = new Map(cards.map((c) => [c.topic, c]));
    const priorMastery =
      MASTERY_MODEL.priorCorrect / (MASTERY_MODEL.priorCorrect + MASTERY_MODEL.priorIncorrect);
    const median = fingerprint.fingerprint.sessionLength?.medianMinutes;
    const sessionMinutes = Math.round(
      clamp(median ?? DEFAULT_SESSION_MINUTES, MIN_SESSION_MINUTES, MAX_SESSION_MINUTES),
    );
    const preferredHour = fingerprint.fingerprint.preferredHours[0];
    // Start at the preferred hour, early enough for the day's minutes (and breaks) before midnight.
    const dayStartMinute = Math.max(
      0,
      Math.min(
        preferredHour === undefined ? DEFAULT_DAY_START_MINUTE : preferredHour * 60,
        1440 - Math.ceil(input.minutesPerDay * 1.5),
      ),
    );
    const plan = generatePlan({
      topics: topics.map((topic) => ({
        topic,
        mastery: masteryOf.get(topic) ?? priorMastery,
        retrievability: cardsOf.get(topic)?.meanRetrievability,
        dueReviews: cardsOf.get(topic)?.dueDates ?? [],
        velocityPerHour: velocityOf.get(topic),
      })),
      start: now,
      deadline,
      minutesPerDay: input.minutesPerDay,
      sessionMinutes: Math.min(sessionMinutes, input.minutesPerDay),
      utcOffsetMinutes: fingerprint.time.utcOffsetMinutes,
      dayStartMinute,
      finalTests: input.finalTests ?? 1,
    });
    const created = await this.plans.create({
      userId,
      documentIds,
      topics,
      timeZone: fingerprint.time.timeZone,
      plan,
      createdAt: now,
    });
    return toDto(created);
  }

  async get(userId: string, id: string): Promise<StudyPlanDto> {
    return toDto(await this.require(userId, id));
  }

  async list(userId: string, limit: number, cursor?: string): Promise<StudyPlanPageDto> {
    const page = toPage(await this.plans.listPage(userId, limit, cursor), limit);
    return { items: page.items.map(toDto), next: page.next };
  }

  /** The session to do now or next; missed sessions are replanned first when the plan is behind. */
  async nextSession(userId: string, id: string): Promise<NextSessionDto> {
    const { record, replanned } = await this.withPaceKept(await this.require(userId, id));
    const nowMs = this.clock.now().getTime();
    const done = completedSet(record);
    const session = record.plan.sessions
      .filter((s) => !done.has(s.n) && s.endAt.getTime() > nowMs)
      .sort((a, b) => a.startAt.getTime() - b.startAt.getTime())[0];
    if (!session) return { status: 'none', session: null, replanned };
    return {
      status: session.startAt.getTime() <= nowMs ? 'in-progress' : 'upcoming',
      session: sessionDto(session, record),
      replanned,
    };
  }

  async completeSession(userId: string, id: string, n: number): Promise<PlanProgressDto> {
    const record = await this.require(userId, id);
    if (!record.plan.sessions.some((s) => s.n === n))
      throw new NotFoundError(`Session ${n} of this plan`);
    const now = this.clock.now();
    const updated =
      (await this.plans.complete(userId, id, n, now)) ?? (await this.require(userId, id));
    return this.progressOf(updated);
  }

  /** Completion, pace and projected readiness; a plan found behind is replanned on the spot. */
  async progress(userId: string, id: string): Promise<PlanProgressDto> {
    return this.progressOf(await this.require(userId, id));
  }

  async replan(userId: string, id: string): Promise<StudyPlanDto> {
    return toDto(await this.replanRecord(await this.require(userId, id)));
  }

  async calendar(userId: string, id: string): Promise<string> {
    const record = await this.require(userId, id);
    return studyPlanCalendar(record.plan.sessions, {
      planId: record.id,
      uidDomain: this.config.learning.calendarUidDomain,
      now: this.clock.now(),
      name: `Study plan: ${record.topics.join(', ')}`.slice(0, 200),
    });
  }

  private async progressOf(record: PlanRecord): Promise<PlanProgressDto> {
    const kept = await this.withPaceKept(record);
    const result = progress(kept.record.plan, [...completedSet(kept.record)], this.clock.now());
    return { ...result, replanned: kept.replanned };
  }

  /** Replans when sessions were missed (the student is behind); otherwise leaves the plan alone. */
  private async withPaceKept(
    record: PlanRecord,
  ): Promise<{ record: PlanRecord; replanned: boolean }> {
    const now = this.clock.now();
    if (progress(record.plan, [...completedSet(record)], now).pace !== 'behind') {
      return { record, replanned: false };
    }
    return { record: await this.replanRecord(record), replanned: true };
  }

  private async replanRecord(record: PlanRecord): Promise<PlanRecord> {
    let current = record;
    for (let attempt = 0; attempt < REPLAN_ATTEMPTS; attempt++) {
      const next: StudyPlan = replan(current.plan, [...completedSet(current)], this.clock.now());
      const saved = await this.plans.replace(current.userId, current.id, current.revision, next);
      if (saved) return saved;
      current = await this.require(current.userId, current.id);
    }
    throw new ConflictError('The plan kept changing while replanning; try again');
  }

  private async require(userId: string, id: string): Promise<PlanRecord> {
    const plan = await this.plans.findOwned(userId, id);
    if (!plan) throw new NotFoundError('Study plan');
    return plan;
  }

  /** The given topics, plus the topics of the student's questions on each document. */
  private async topicsFor(
    userId: string,
    documentIds: string[],
    given: string[],
  ): Promise<string[]> {
    const topics = new Set(given.map((t) => t.trim()).filter((t) => t.length > 0));
    for (const documentId of documentIds) {
      const questions = await this.questions.findForPractice(userId, {
        documentId,
        limit: MAX_DOCUMENT_QUESTIONS,
      });
      if (questions.length === 0)
        throw new NotFoundError(`Document ${documentId} with questions of yours`);
      questions.forEach((q) => topics.add(q.topic));
    }
    if (topics.size === 0)
      throw new InvalidInputError('Give at least one document or topic to plan for');
    if (topics.size > MAX_TOPICS)
      throw new InvalidInputError(`A plan covers at most ${MAX_TOPICS} topics`);
    return [...topics].sort();
  }
}

function completedSet(record: PlanRecord): Set<number> {
  return new Set(record.completions.map((c) => c.n));
}

function sessionDto(session: PlannedSession, record: PlanRecord): PlanSessionDto {
  const completion = record.completions.find((c) => c.n === session.n);
  return {
    n: session.n,
    date: session.date,
    startAt: session.startAt,
    endAt: session.endAt,
    kind: session.kind,
    topics: session.topics,
    minutes: session.minutes,
    completed: completion !== undefined,
    completedAt: completion?.at ?? null,
  };
}

function toDto(record: PlanRecord): StudyPlanDto {
  const settings = record.plan.settings;
  return {
    id: record.id,
    documentIds: record.documentIds,
    topics: record.topics,
    deadline: settings.deadline,
    minutesPerDay: settings.minutesPerDay,
    sessionMinutes: settings.sessionMinutes,
    timeZone: record.timeZone,
    generatedAt: record.plan.generatedAt,
    replans: record.replans,
    inputs: settings.topics.map((t) => ({
      topic: t.topic,
      mastery: t.mastery,
      retrievability: t.retrievability,
      dueReviews: t.dueReviews.length,
      velocityPerHour: t.velocityPerHour ?? null,
    })),
    sessions: record.plan.sessions.map((s) => sessionDto(s, record)),
    unscheduled: record.plan.unscheduled,
  };
}
