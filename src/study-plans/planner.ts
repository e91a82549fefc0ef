import { InvalidInputError } from '../common/errors';
import { clamp, mean, MS_PER_DAY } from '../common/stats';

/**
 * Study plans: sessions laid out from a start (or from now, when replanning) to a deadline.
 *
 * The layout rules:
 * - Days are local days (UTC plus a fixed offset). A day's sessions start at `dayStartMinute`
 *   (local), or at the plan's start if later, follow each other with `breakMinutes` between them
 *   and end by local midnight and by the deadline. Their minutes add up to at most
 *   `minutesPerDay`. No session is shorter than `minSessionMinutes` unless it holds all the
 *   work that was left of its kind.
 * - Final tests come first in the allocation: each on its own day, the latest days that can hold
 *   one, as the last session of that day.
 * - Reviews: the items due on a day (or overdue) form at most one review session that day, of
 *   `reviewMinutesPerItem` per item up to the session length; what does not fit waits for the
 *   next day.
 * - Practice fills the remaining time in sessions of `sessionMinutes`. Each practice session
 *   takes one topic: the one furthest below its share, where shares are proportional to
 *   weakness = 1 − mastery × retrievability (equal shares if every topic is fully known), so
 *   topics interleave and each ends within one session of its share.
 *
 * Replanning keeps the completed sessions and lays the remaining work (missed and future
 * sessions) over the time left: reviews as soon as they are due, tests last, and practice in
 * proportion to each topic's remaining minutes; what cannot fit is reported as unscheduled.
 */

export type SessionKind = 'practice' | 'review' | 'test';

export interface PlanTopic {
  topic: string;
  /** Current mastery in [0, 1]. */
  mastery: number;
  /** Current chance of recall in [0, 1] (from the forgetting curve); default 1. */
  retrievability?: number;
  /** When this topic's review items come due. */
  dueReviews?: readonly Date[];
  /** Mastery gained per hour of practice (the learning velocity), for progress projections. */
  velocityPerHour?: number;
}

export interface PlanRequest {
  topics: readonly PlanTopic[];
  start: Date;
  deadline: Date;
  minutesPerDay: number;
  /** Preferred session length in minutes (e.g. the fingerprint's median session). */
  sessionMinutes: number;
  /** Local time minus UTC, in minutes. */
  utcOffsetMinutes: number;
  /** Local minute of the day at which study begins; default 18:00 (e.g. a preferred hour × 60). */
  dayStartMinute?: number;
  breakMinutes?: number;
  minSessionMinutes?: number;
  reviewMinutesPerItem?: number;
  finalTests?: number;
  testMinutes?: number;
  /** Velocity assumed for topics without one; default 0.05 mastery per practice hour. */
  defaultVelocityPerHour?: number;
}

export interface PlanSettings {
  topics: {
    topic: string;
    mastery: number;
    retrievability: number;
    dueReviews: Date[];
    velocityPerHour: number | undefined;
  }[];
  start: Date;
  deadline: Date;
  minutesPerDay: number;
  sessionMinutes: number;
  utcOffsetMinutes: number;
  dayStartMinute: number;
  breakMinutes: number;
  minSessionMinutes: number;
  reviewMinutesPerItem: number;
  finalTests: number;
  testMinutes: number;
  defaultVelocityPerHour: number;
}

export interface PlannedSession {
  /** Number of the session in the plan; stable across replanning for completed sessions. */
  n: number;
  /** Local date, YYYY-MM-DD. */
  date: string;
  startAt: Date;
  endAt: Date;
  kind: SessionKind;
  topics: string[];
  minutes: number;
}

export interface StudyPlan {
  settings: PlanSettings;
  generatedAt: Date;
  /** In chronological order. */
  sessions: PlannedSession[];
  /** Work that could not be placed before the deadline. */
  unscheduled: { practiceMinutes: number; reviewMinutes: number; tests: number };
}

export interface PlanProgress {
  totalSessions: number;
  completedSessions: number;
  /** Completed share of the planned minutes, 0–100. */
  percentComplete: number;
  /** Sessions whose end is past. */
  dueByNow: number;
  /** Completed sessions minus those due by now: positive ahead, negative behind. */
  sessionsAhead: number;
  pace: 'ahead' | 'on-track' | 'behind';
  /**
   * Projected mean mastery over the plan's topics at the deadline: each practice minute on a
   * topic adds velocityPerHour / 60 to its mastery (never negative, capped at 1); reviews and
   * tests add nothing. `onPlan` counts every session still ahead, `atCurrentPace` scales them
   * by the share of due sessions completed so far; missed sessions count for nothing.
   */
  projectedReadiness: {
    onPlan: number;
    atCurrentPace: number;
    topics: { topic: string; mastery: number; onPlan: number; atCurrentPace: number }[];
  };
}

const MINUTE_MS = 60_000;
const MAX_PLAN_DAYS = 366;
const MAX_OFFSET_MINUTES = 14 * 60;

// ---------------------------------------------------------------------------------------------
// Settings

function check(condition: boolean, message: string): void {
  if (!condition) throw new InvalidInputError(message);
}

function wholeNumber(value: number, name: string, min: number, max: number): number {
  check(
    Number.isInteger(value) && value >= min && value <= max,
    `${name} must be a whole number from ${min} to ${max}`,
  );
  return value;
}

function unitInterval(value: number, name: string): number {
  check(value >= 0 && value <= 1, `${name} must lie between 0 and 1`);
  return value;
}

function validDate(value: Date, name: string): Date {
  check(value instanceof Date && Number.isFinite(value.getTime()), `${name} must be a valid date`);
  return value;
}

function resolveTopics(topics: readonly PlanTopic[]): PlanSettings['topics'] {
  check(topics.length > 0, 'a plan needs at least one topic');
  check(new Set(topics.map((t) => t.topic)).size === topics.length, 'topics must be distinct');
  return topics.map((t) => {
    check(t.topic.length > 0, 'a topic needs a name');
    check(
      t.velocityPerHour === undefined || Number.isFinite(t.velocityPerHour),
      'velocityPerHour must be a number',
    );
    return {
      topic: t.topic,
      mastery: unitInterval(t.mastery, 'mastery'),
      retrievability: unitInterval(t.retrievability ?? 1, 'retrievability'),
      dueReviews: (t.dueReviews ?? []).map((due) => validDate(due, 'a review due date')),
      velocityPerHour: t.velocityPerHour,
    };
  });
}

function resolveSettings(request: PlanRequest): PlanSettings {
  const start = validDate(request.start, 'start');
  const deadline = validDate(request.deadline, 'deadline');
  check(deadline > start, 'the deadline must come after the start');
  check(
    deadline.getTime() - start.getTime() <= MAX_PLAN_DAYS * MS_PER_DAY,
    `a plan spans at most ${MAX_PLAN_DAYS} days`,
  );
  const sessionMinutes = wholeNumber(request.sessionMinutes, 'sessionMinutes', 1, 1440);
  const settings: PlanSettings = {
    topics: resolveTopics(request.topics),
    start,
    deadline,
    minutesPerDay: wholeNumber(request.minutesPerDay, 'minutesPerDay', 1, 1440),
    sessionMinutes,
    utcOffsetMinutes: wholeNumber(
      request.utcOffsetMinutes,
      'utcOffsetMinutes',
      -MAX_OFFSET_MINUTES,
      MAX_OFFSET_MINUTES,
    ),
    dayStartMinute: wholeNumber(request.dayStartMinute ?? 18 * 60, 'dayStartMinute', 0, 1439),
    breakMinutes: wholeNumber(request.breakMinutes ?? 10, 'breakMinutes', 0, 1440),
    minSessionMinutes: wholeNumber(request.minSessionMinutes ?? 10, 'minSessionMinutes', 1, 1440),
    reviewMinutesPerItem: request.reviewMinutesPerItem ?? 1,
    finalTests: wholeNumber(request.finalTests ?? 1, 'finalTests', 0, MAX_PLAN_DAYS),
    testMinutes: wholeNumber(request.testMinutes ?? sessionMinutes, 'testMinutes', 1, 1440),
    defaultVelocityPerHour: request.defaultVelocityPerHour ?? 0.05,
  };
  check(
    settings.reviewMinutesPerItem > 0 && settings.reviewMinutesPerItem <= 60,
    'reviewMinutesPerItem must lie in (0, 60]',
  );
  check(
    Number.isFinite(settings.defaultVelocityPerHour),
    'defaultVelocityPerHour must be a number',
  );
  return settings;
}

// ---------------------------------------------------------------------------------------------
// Local days

function localDay(ms: number, settings: PlanSettings): number {
  return Math.floor((ms + settings.utcOffsetMinutes * MINUTE_MS) / MS_PER_DAY);
}

function localMidnightMs(day: number, settings: PlanSettings): number {
  return day * MS_PER_DAY - settings.utcOffsetMinutes * MINUTE_MS;
}

function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

interface Draft {
  kind: SessionKind;
  minutes: number;
  topics: string[];
}

const KIND_ORDER: Record<SessionKind, number> = { review: 0, practice: 1, test: 2 };

/** One local day's time window and what is left of its minutes, with the sessions placed in it. */
class DayBudget {
  private readonly drafts: Draft[] = [];
  private minutesLeft: number;
  private spanLeft: number;

  constructor(
    readonly day: number,
    readonly startMs: number,
    endMs: number,
    minutesUsed: number,
    private readonly settings: PlanSettings,
  ) {
    this.minutesLeft = Math.max(0, settings.minutesPerDay - minutesUsed);
    this.spanLeft = Math.max(0, Math.floor((endMs - startMs) / MINUTE_MS));
  }

  /**
   * Places a session of up to `wanted` minutes, at least `minimum`, if the day can hold it, and
   * returns it; every session after the first also costs a break of span.
   */
  place(
    kind: SessionKind,
    wanted: number,
    minimum: number,
    topics: string[] = [],
  ): Draft | undefined {
    const gap = this.drafts.length > 0 ? this.settings.breakMinutes : 0;
    const minutes = Math.min(wanted, this.minutesLeft, this.spanLeft - gap);
    if (minutes < minimum || minutes <= 0) return undefined;
    this.minutesLeft -= minutes;
    this.spanLeft -= minutes + gap;
    const draft = { kind, minutes, topics };
    this.drafts.push(draft);
    return draft;
  }

  /** The day's sessions in time order: review, practice, then tests. */
  ordered(): Draft[] {
    return [...this.drafts].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  }
}

/**
 * The days from `fromMs` to the deadline, each with its window. Sessions kept from an earlier
 * plan use up their day's minutes, and new sessions start after the last of them.
 */
function openDays(
  fromMs: number,
  settings: PlanSettings,
  kept: readonly PlannedSession[],
): DayBudget[] {
  const deadlineMs = settings.deadline.getTime();
  const firstStartMs = Math.ceil(fromMs / MINUTE_MS) * MINUTE_MS;
  const days: DayBudget[] = [];
  for (let day = localDay(fromMs, settings); day <= localDay(deadlineMs, settings); day++) {
    const midnight = localMidnightMs(day, settings);
    const keptToday = kept.filter((s) => localDay(s.startAt.getTime(), settings) === day);
    const afterKept = keptToday.map((s) => s.endAt.getTime() + settings.breakMinutes * MINUTE_MS);
    const startMs = Math.max(
      firstStartMs,
      midnight + settings.dayStartMinute * MINUTE_MS,
      ...afterKept,
    );
    const endMs = Math.min(deadlineMs, midnight + MS_PER_DAY);
    const minutesUsed = keptToday.reduce((total, s) => total + s.minutes, 0);
    days.push(new DayBudget(day, startMs, endMs, minutesUsed, settings));
  }
  return days;
}

// ---------------------------------------------------------------------------------------------
// Work to place

interface ReviewWork {
  /** Local day from which the work may be done. */
  fromDay: number;
  topics: string[];
  minutes: number;
}

interface Workload {
  tests: Draft[];
  reviews: ReviewWork[];
  /** Relative practice weight per topic (only topics with a positive weight get practice). */
  practiceWeights: Map<string, number>;
  /** Practice minutes to place; Infinity fills every free minute. */
  practiceMinutes: number;
}

function initialWorkload(settings: PlanSettings): Workload {
  const allTopics = settings.topics.map((t) => t.topic);
  const lastDay = localDay(settings.deadline.getTime(), settings);
  const dueItems = new Map<string, ReviewWork & { items: number }>();
  for (const { topic, dueReviews } of settings.topics) {
    for (const due of dueReviews) {
      const fromDay = localDay(due.getTime(), settings);
      if (fromDay > lastDay) continue;
      const key = `${fromDay}\u0000${topic}`;
      const work = dueItems.get(key) ?? { fromDay, topics: [topic], minutes: 0, items: 0 };
      work.items += 1;
      work.minutes = Math.ceil(work.items * settings.reviewMinutesPerItem);
      dueItems.set(key, work);
    }
  }
  const weakness = settings.topics.map((t) => [t.topic, 1 - t.mastery * t.retrievability] as const);
  const anyWeak = weakness.some(([, w]) => w > 0);
  return {
    tests: Array.from({ length: settings.finalTests }, () => ({
      kind: 'test' as const,
      minutes: settings.testMinutes,
      topics: allTopics,
    })),
    reviews: [...dueItems.values()].map(({ fromDay, topics, minutes }) => ({
      fromDay,
      topics,
      minutes,
    })),
    practiceWeights: new Map(weakness.map(([topic, w]) => [topic, anyWeak ? w : 1])),
    practiceMinutes: Infinity,
  };
}

/** Practice minutes per topic in the given sessions (a session's minutes split over its topics). */
function practiceMinutesByTopic(sessions: readonly PlannedSession[]): Map<string, number> {
  const minutes = new Map<string, number>();
  for (const session of sessions.filter((s) => s.kind === 'practice')) {
    for (const topic of session.topics) {
      minutes.set(topic, (minutes.get(topic) ?? 0) + session.minutes / session.topics.length);
    }
  }
  return minutes;
}

function remainingWorkload(plan: StudyPlan, remaining: readonly PlannedSession[]): Workload {
  const practice = practiceMinutesByTopic(remaining);
  const ofKind = (kind: SessionKind) => remaining.filter((s) => s.kind === kind);
  return {
    tests: ofKind('test').map(({ minutes, topics }) => ({ kind: 'test', minutes, topics })),
    reviews: ofKind('review').map(({ startAt, topics, minutes }) => ({
      fromDay: localDay(startAt.getTime(), plan.settings),
      topics,
      minutes,
    })),
    practiceWeights: practice,
    practiceMinutes: Math.round([...practice.values()].reduce((a, b) => a + b, 0)),
  };
}

// ---------------------------------------------------------------------------------------------
// Placement

/** Puts each test on the latest free day that can hold it, one per day; returns how many did not fit. */
function placeTests(tests: readonly Draft[], days: readonly DayBudget[]): number {
  let dayIndex = days.length - 1;
  let unplaced = 0;
  for (const test of tests) {
    while (
      dayIndex >= 0 &&
      !days[dayIndex].place('test', test.minutes, test.minutes, test.topics)
    ) {
      dayIndex -= 1;
    }
    if (dayIndex < 0) unplaced += 1;
    dayIndex -= 1;
  }
  return unplaced;
}

/** Takes up to `minutes` of review work from the front of the queue; returns the topics taken. */
function takeReviews(queue: ReviewWork[], minutes: number): string[] {
  const topics = new Set<string>();
  let left = minutes;
  while (left > 0 && queue.length > 0) {
    const work = queue[0];
    work.topics.forEach((topic) => topics.add(topic));
    const taken = Math.min(left, work.minutes);
    work.minutes -= taken;
    left -= taken;
    if (work.minutes <= 0) queue.shift();
  }
  return [...topics];
}

/** Places at most one review session per day for the work due by then; returns the minutes left over. */
function placeReviews(
  reviews: readonly ReviewWork[],
  days: readonly DayBudget[],
  settings: PlanSettings,
): number {
  const queue = reviews.map((r) => ({ ...r })).sort((a, b) => a.fromDay - b.fromDay);
  for (const day of days) {
    const available = queue
      .filter((r) => r.fromDay <= day.day)
      .reduce((total, r) => total + r.minutes, 0);
    const wanted = Math.min(settings.sessionMinutes, available);
    const draft = day.place('review', wanted, Math.min(settings.minSessionMinutes, wanted));
    if (draft) draft.topics = takeReviews(queue, draft.minutes);
  }
  return queue.reduce((total, r) => total + r.minutes, 0);
}

/** Fills the days with practice sessions up to `minutes` in all; returns the placed sessions. */
function placePractice(
  minutes: number,
  days: readonly DayBudget[],
  settings: PlanSettings,
): Draft[] {
  const placed: Draft[] = [];
  let left = minutes;
  for (const day of days) {
    for (;;) {
      const wanted = Math.min(settings.sessionMinutes, left);
      const draft =
        wanted > 0
          ? day.place('practice', wanted, Math.min(settings.minSessionMinutes, wanted))
          : undefined;
      if (!draft) break;
      placed.push(draft);
      left -= draft.minutes;
    }
  }
  return placed;
}

/**
 * Gives each practice session, in time order, the topic furthest below its share of the placed
 * minutes (ties: the larger weight, then the name), so each topic ends within one session of it.
 */
function assignPracticeTopics(
  sessions: readonly Draft[],
  weights: ReadonlyMap<string, number>,
): void {
  const candidates = [...weights]
    .filter(([, weight]) => weight > 0)
    .sort(([a, wa], [b, wb]) => wb - wa || (a < b ? -1 : a > b ? 1 : 0));
  const totalWeight = candidates.reduce((total, [, weight]) => total + weight, 0);
  const totalMinutes = sessions.reduce((total, s) => total + s.minutes, 0);
  const given = new Map<string, number>();
  for (const session of sessions) {
    let best: string | undefined;
    let bestDeficit = -Infinity;
    for (const [topic, weight] of candidates) {
      const deficit = (totalMinutes * weight) / totalWeight - (given.get(topic) ?? 0);
      if (deficit > bestDeficit) [best, bestDeficit] = [topic, deficit];
    }
    if (best === undefined) return;
    session.topics = [best];
    given.set(best, (given.get(best) ?? 0) + session.minutes);
  }
}

function toSessions(
  days: readonly DayBudget[],
  firstN: number,
  settings: PlanSettings,
): PlannedSession[] {
  const sessions: PlannedSession[] = [];
  for (const day of days) {
    let cursor = day.startMs;
    for (const draft of day.ordered()) {
      const endMs = cursor + draft.minutes * MINUTE_MS;
      sessions.push({
        n: firstN + sessions.length,
        date: isoDate(day.day),
        startAt: new Date(cursor),
        endAt: new Date(endMs),
        kind: draft.kind,
        topics: draft.topics,
        minutes: draft.minutes,
      });
      cursor = endMs + settings.breakMinutes * MINUTE_MS;
    }
  }
  return sessions;
}

function schedule(
  workload: Workload,
  settings: PlanSettings,
  fromMs: number,
  kept: readonly PlannedSession[],
  firstN: number,
): Pick<StudyPlan, 'sessions' | 'unscheduled'> {
  const days = openDays(fromMs, settings, kept);
  const tests = placeTests(workload.tests, days);
  const reviewMinutes = placeReviews(workload.reviews, days, settings);
  const practice = placePractice(workload.practiceMinutes, days, settings);
  assignPracticeTopics(practice, workload.practiceWeights);
  const placedPractice = practice.reduce((total, s) => total + s.minutes, 0);
  return {
    sessions: toSessions(days, firstN, settings),
    unscheduled: {
      practiceMinutes: Number.isFinite(workload.practiceMinutes)
        ? Math.max(0, workload.practiceMinutes - placedPractice)
        : 0,
      reviewMinutes,
      tests,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Public API

/** A new plan from the request (throws InvalidInputError for unusable input). */
export function generatePlan(request: PlanRequest): StudyPlan {
  const settings = resolveSettings(request);
  return {
    settings,
    generatedAt: settings.start,
    ...schedule(initialWorkload(settings), settings, settings.start.getTime(), [], 1),
  };
}

/**
 * The plan laid out again from `now` (or its start, if later): completed sessions stay as they
 * are, with their numbers; the rest of the work gets new sessions numbered after the highest.
 */
export function replan(
  plan: StudyPlan,
  completedSessionNs: readonly number[],
  now: Date,
): StudyPlan {
  validDate(now, 'now');
  const completed = new Set(completedSessionNs);
  const kept = plan.sessions.filter((s) => completed.has(s.n));
  const remaining = plan.sessions.filter((s) => !completed.has(s.n));
  const firstN = plan.sessions.reduce((highest, s) => Math.max(highest, s.n), 0) + 1;
  const fromMs = Math.max(now.getTime(), plan.settings.start.getTime());
  const { sessions, unscheduled } = schedule(
    remainingWorkload(plan, remaining),
    plan.settings,
    fromMs,
    kept,
    firstN,
  );
  return {
    settings: plan.settings,
    generatedAt: now,
    sessions: [...kept, ...sessions].sort((a, b) => a.startAt.getTime() - b.startAt.getTime()),
    unscheduled,
  };
}

function projectReadiness(
  settings: PlanSettings,
  done: readonly PlannedSession[],
  ahead: readonly PlannedSession[],
  paceShare: number,
): PlanProgress['projectedReadiness'] {
  const doneMinutes = practiceMinutesByTopic(done);
  const aheadMinutes = practiceMinutesByTopic(ahead);
  const topics = settings.topics.map(({ topic, mastery, velocityPerHour }) => {
    const perMinute = Math.max(0, velocityPerHour ?? settings.defaultVelocityPerHour) / 60;
    const reached = mastery + perMinute * (doneMinutes.get(topic) ?? 0);
    const still = perMinute * (aheadMinutes.get(topic) ?? 0);
    return {
      topic,
      mastery,
      onPlan: clamp(reached + still, 0, 1),
      atCurrentPace: clamp(reached + paceShare * still, 0, 1),
    };
  });
  return {
    onPlan: mean(topics.map((t) => t.onPlan)) ?? 0,
    atCurrentPace: mean(topics.map((t) => t.atCurrentPace)) ?? 0,
    topics,
  };
}

/** How far the student is through the plan at `now`, and where that leads by the deadline. */
export function progress(
  plan: StudyPlan,
  completedSessionNs: readonly number[],
  now: Date,
): PlanProgress {
  const completed = new Set(completedSessionNs);
  const nowMs = now.getTime();
  const done = plan.sessions.filter((s) => completed.has(s.n));
  const due = plan.sessions.filter((s) => s.endAt.getTime() <= nowMs);
  const ahead = plan.sessions.filter((s) => !completed.has(s.n) && s.endAt.getTime() > nowMs);
  const minutesOf = (sessions: readonly PlannedSession[]) =>
    sessions.reduce((total, s) => total + s.minutes, 0);
  const totalMinutes = minutesOf(plan.sessions);
  const sessionsAhead = done.length - due.length;
  const dueDone = due.filter((s) => completed.has(s.n)).length;
  return {
    totalSessions: plan.sessions.length,
    completedSessions: done.length,
    percentComplete: totalMinutes > 0 ? (100 * minutesOf(done)) / totalMinutes : 0,
    dueByNow: due.length,
    sessionsAhead,
    pace: sessionsAhead > 0 ? 'ahead' : sessionsAhead < 0 ? 'behind' : 'on-track',
    projectedReadiness: projectReadiness(
      plan.settings,
      done,
      ahead,
      due.length > 0 ? dueDone / due.length : 1,
    ),
  };
}
