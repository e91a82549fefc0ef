import fc from 'fast-check';
import { InvalidInputError } from '../common/errors';
import {
  generatePlan,
  progress,
  replan,
  type PlannedSession,
  type PlanRequest,
  type StudyPlan,
} from './planner';

const MINUTE = 60_000;

/** Monday 4 to Thursday 7 March 2024 (UTC), evenings from 18:00, one hour a day. */
function threeDayRequest(overrides: Partial<PlanRequest> = {}): PlanRequest {
  return {
    topics: [
      {
        topic: 'A',
        mastery: 0.2,
        dueReviews: [new Date('2024-03-05T09:00:00Z')].concat(
          new Date('2024-03-05T10:00:00Z'),
          new Date('2024-03-05T11:00:00Z'),
        ),
      },
      { topic: 'B', mastery: 0.6, velocityPerHour: 0.12 },
    ],
    start: new Date('2024-03-04T00:00:00Z'),
    deadline: new Date('2024-03-07T00:00:00Z'),
    minutesPerDay: 60,
    sessionMinutes: 25,
    utcOffsetMinutes: 0,
    dayStartMinute: 18 * 60,
    breakMinutes: 10,
    minSessionMinutes: 10,
    reviewMinutesPerItem: 1,
    finalTests: 1,
    testMinutes: 30,
    ...overrides,
  };
}

/** A compact view of a session: n, kind, local start–end (HH:MM), topics. */
function brief(session: PlannedSession): string {
  const time = (d: Date) => d.toISOString().slice(11, 16);
  return `${session.n} ${session.date} ${time(session.startAt)}-${time(session.endAt)} ${session.kind} ${session.topics.join(',')}`;
}

describe('generatePlan', () => {
  it('lays out tests last, reviews when due and practice by weakness (worked example)', () => {
    // Tests first: the latest day that fits 30 minutes is 6 March (7 March has no time before
    // the deadline at midnight). Reviews: 3 items due 5 March → a 3-minute review that day.
    // Practice fills the rest in 25-minute sessions, down to 10 minutes: 25+25+10, 25+25, 25.
    // Shares of the 135 practice minutes by weakness 0.8 : 0.4 → A 90, B 45; each session goes
    // to the topic furthest below its share: A(90) A(65) B(45>40) A(40>35) B(35>15) A(15>10).
    const plan = generatePlan(threeDayRequest());
    expect(plan.sessions.map(brief)).toEqual([
      '1 2024-03-04 18:00-18:25 practice A',
      '2 2024-03-04 18:35-19:00 practice A',
      '3 2024-03-04 19:10-19:20 practice B',
      '4 2024-03-05 18:00-18:03 review A',
      '5 2024-03-05 18:13-18:38 practice A',
      '6 2024-03-05 18:48-19:13 practice B',
      '7 2024-03-06 18:00-18:25 practice A',
      '8 2024-03-06 18:35-19:05 test A,B',
    ]);
    expect(plan.unscheduled).toEqual({ practiceMinutes: 0, reviewMinutes: 0, tests: 0 });
  });

  it('works in local time and starts no earlier than the start', () => {
    // UTC+1; start 18:30 local on 4 March, deadline 19:20 local on 5 March; 45 minutes a day.
    const plan = generatePlan({
      topics: [{ topic: 'X', mastery: 0.5 }],
      start: new Date('2024-03-04T17:30:00Z'),
      deadline: new Date('2024-03-05T18:20:00Z'),
      minutesPerDay: 45,
      sessionMinutes: 20,
      utcOffsetMinutes: 60,
      breakMinutes: 5,
    });
    // 4 March: 20 + 20 (5 left, under the minimum). 5 March: the test (20) last, practice first.
    expect(plan.sessions.map(brief)).toEqual([
      '1 2024-03-04 17:30-17:50 practice X',
      '2 2024-03-04 17:55-18:15 practice X',
      '3 2024-03-05 17:00-17:20 practice X',
      '4 2024-03-05 17:25-17:45 test X',
    ]);
  });

  it('carries review items that do not fit over to the next day', () => {
    const items = Array.from({ length: 40 }, () => new Date('2024-03-04T08:00:00Z'));
    const plan = generatePlan(
      threeDayRequest({ topics: [{ topic: 'A', mastery: 0.5, dueReviews: items }], finalTests: 0 }),
    );
    const reviews = plan.sessions.filter((s) => s.kind === 'review');
    // 40 one-minute items, at most one 25-minute review session a day: 25 then 15.
    expect(reviews.map((s) => [s.date, s.minutes])).toEqual([
      ['2024-03-04', 25],
      ['2024-03-05', 15],
    ]);
  });

  it('gives equal shares when every topic is fully known', () => {
    const plan = generatePlan(
      threeDayRequest({
        topics: [
          { topic: 'A', mastery: 1 },
          { topic: 'B', mastery: 1 },
        ],
        finalTests: 0,
      }),
    );
    const minutes = (topic: string) =>
      plan.sessions.filter((s) => s.topics.includes(topic)).reduce((t, s) => t + s.minutes, 0);
    expect(Math.abs(minutes('A') - minutes('B'))).toBeLessThanOrEqual(25);
  });

  it('reports a test that fits nowhere', () => {
    const plan = generatePlan(threeDayRequest({ testMinutes: 90 }));
    expect(plan.unscheduled.tests).toBe(1);
    expect(plan.sessions.some((s) => s.kind === 'test')).toBe(false);
  });

  it.each<[string, Partial<PlanRequest>]>([
    ['no topics', { topics: [] }],
    [
      'duplicate topics',
      {
        topics: [
          { topic: 'A', mastery: 0.1 },
          { topic: 'A', mastery: 0.2 },
        ],
      },
    ],
    ['mastery above 1', { topics: [{ topic: 'A', mastery: 1.2 }] }],
    ['a deadline before the start', { deadline: new Date('2024-03-03T00:00:00Z') }],
    ['a plan over a year', { deadline: new Date('2025-06-01T00:00:00Z') }],
    ['fractional minutes', { minutesPerDay: 30.5 }],
    ['an offset beyond 14 hours', { utcOffsetMinutes: 15 * 60 }],
    ['an invalid date', { start: new Date('not a date') }],
  ])('rejects %s', (_, overrides) => {
    expect(() => generatePlan(threeDayRequest(overrides))).toThrow(InvalidInputError);
  });
});

describe('replan', () => {
  it('keeps completed sessions and spreads the rest over the time left (worked example)', () => {
    const plan = generatePlan(threeDayRequest());
    // Sessions 1 and 2 done, 3 missed; replanning at noon on 5 March. Remaining practice:
    // A 25 + 25 = 50, B 10 + 25 = 35 (85 in all), the review (3) and the test (30).
    // Room: 5 March review 3 + practice 25 + 25; 6 March practice 25 + the test → 75 of 85 placed.
    // Shares of 75 by 50 : 35 → A 44.1, B 30.9: A, then B (30.9 > 19.1), then A (19.1 > 5.9).
    const next = replan(plan, [1, 2], new Date('2024-03-05T12:00:00Z'));
    expect(next.sessions.map(brief)).toEqual([
      '1 2024-03-04 18:00-18:25 practice A',
      '2 2024-03-04 18:35-19:00 practice A',
      '9 2024-03-05 18:00-18:03 review A',
      '10 2024-03-05 18:13-18:38 practice A',
      '11 2024-03-05 18:48-19:13 practice B',
      '12 2024-03-06 18:00-18:25 practice A',
      '13 2024-03-06 18:35-19:05 test A,B',
    ]);
    expect(next.unscheduled).toEqual({ practiceMinutes: 10, reviewMinutes: 0, tests: 0 });
    expect(next.generatedAt).toEqual(new Date('2024-03-05T12:00:00Z'));
  });

  it('counts completed sessions later today against the day and starts after them', () => {
    const plan = generatePlan(threeDayRequest());
    // Session 4 (the review at 18:00 on 5 March) was done early, at 17:00 on that day.
    // Left: practice A 50, B 25 in 57 minutes on 5 March and 25 (besides the test) on 6 March.
    // Shares A 50, B 25: A first; then a tie at 25 goes to the larger weight, A; then B.
    const next = replan(plan, [1, 2, 3, 4], new Date('2024-03-05T17:00:00Z'));
    expect(next.sessions.filter((s) => s.date >= '2024-03-05').map(brief)).toEqual([
      '4 2024-03-05 18:00-18:03 review A',
      '9 2024-03-05 18:13-18:38 practice A',
      '10 2024-03-05 18:48-19:13 practice A',
      '11 2024-03-06 18:00-18:25 practice B',
      '12 2024-03-06 18:35-19:05 test A,B',
    ]);
  });

  it('places nothing once the deadline has passed', () => {
    const plan = generatePlan(threeDayRequest());
    const next = replan(plan, [1], new Date('2024-03-08T00:00:00Z'));
    expect(next.sessions.map((s) => s.n)).toEqual([1]);
    expect(next.unscheduled.tests).toBe(1);
    expect(next.unscheduled.reviewMinutes).toBe(3);
  });
});

describe('progress', () => {
  it('measures completion, pace and projected readiness (worked example)', () => {
    const plan = generatePlan(threeDayRequest());
    const result = progress(plan, [1, 2], new Date('2024-03-05T12:00:00Z'));
    // Planned minutes 25+25+10+3+25+25+25+30 = 168; done 50. Due by noon on 5 March: 1, 2, 3.
    expect(result).toMatchObject({
      totalSessions: 8,
      completedSessions: 2,
      dueByNow: 3,
      sessionsAhead: -1,
      pace: 'behind',
    });
    expect(result.percentComplete).toBeCloseTo((100 * 50) / 168, 12);
    // A (default 0.05/h): 0.2 + 50 min done (+0.041667), 50 min ahead (+0.041667).
    // B (0.12/h): 0.6, 25 min ahead (+0.05). Pace share 2/3 of due sessions done.
    const [a, b] = result.projectedReadiness.topics;
    expect(a.onPlan).toBeCloseTo(0.2 + 0.05 * (100 / 60), 12);
    expect(a.atCurrentPace).toBeCloseTo(0.2 + 0.05 * (50 / 60) + (2 / 3) * 0.05 * (50 / 60), 12);
    expect(b.onPlan).toBeCloseTo(0.65, 12);
    expect(b.atCurrentPace).toBeCloseTo(0.6 + (2 / 3) * 0.05, 12);
    expect(result.projectedReadiness.onPlan).toBeCloseTo((a.onPlan + b.onPlan) / 2, 12);
  });

  it('is ahead when sessions are done early, and caps mastery at 1', () => {
    const plan = generatePlan(threeDayRequest({ defaultVelocityPerHour: 10 }));
    const result = progress(plan, [1, 2, 3, 4], new Date('2024-03-04T19:05:00Z'));
    expect(result.dueByNow).toBe(2);
    expect(result.sessionsAhead).toBe(2);
    expect(result.pace).toBe('ahead');
    expect(result.projectedReadiness.topics[0].onPlan).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const requestArb: fc.Arbitrary<PlanRequest> = fc
  .record({
    startMs: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2025, 0, 1) }),
    spanMinutes: fc.integer({ min: 30, max: 21 * 1440 }),
    topics: fc.uniqueArray(
      fc.record({
        topic: fc.string({ minLength: 1, maxLength: 6 }),
        mastery: fc.double({ min: 0, max: 1, noNaN: true }),
        retrievability: fc.double({ min: 0, max: 1, noNaN: true }),
        dueOffsets: fc.array(fc.integer({ min: -3 * 1440, max: 25 * 1440 }), { maxLength: 30 }),
      }),
      { minLength: 1, maxLength: 5, selector: (t) => t.topic },
    ),
    minutesPerDay: fc.integer({ min: 1, max: 300 }),
    sessionMinutes: fc.integer({ min: 1, max: 120 }),
    utcOffsetMinutes: fc.integer({ min: -720, max: 840 }),
    dayStartMinute: fc.integer({ min: 0, max: 1439 }),
    breakMinutes: fc.integer({ min: 0, max: 30 }),
    minSessionMinutes: fc.integer({ min: 1, max: 30 }),
    finalTests: fc.integer({ min: 0, max: 3 }),
    testMinutes: fc.integer({ min: 1, max: 120 }),
  })
  .map(({ startMs, spanMinutes, topics, ...rest }) => ({
    ...rest,
    start: new Date(startMs),
    deadline: new Date(startMs + spanMinutes * MINUTE),
    topics: topics.map(({ dueOffsets, ...topic }) => ({
      ...topic,
      dueReviews: dueOffsets.map((offset) => new Date(startMs + offset * MINUTE)),
    })),
  }));

function localDate(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** The rules every plan keeps, as a list of broken ones (empty when all hold). */
function brokenRules(plan: StudyPlan, request: PlanRequest): string[] {
  const broken: string[] = [];
  const perDay = new Map<string, number>();
  let previousEnd = -Infinity;
  for (const session of plan.sessions) {
    const startMs = session.startAt.getTime();
    const endMs = session.endAt.getTime();
    const rules: [boolean, string][] = [
      [endMs <= request.deadline.getTime(), 'ends after the deadline'],
      [startMs >= request.start.getTime(), 'starts before the start'],
      [Number.isInteger(session.minutes) && session.minutes > 0, 'has no whole minutes'],
      [endMs - startMs === session.minutes * MINUTE, 'lasts other than its minutes'],
      [startMs >= previousEnd, 'overlaps the previous session'],
      [session.date === localDate(startMs, request.utcOffsetMinutes), 'starts on another date'],
      [session.date === localDate(endMs - 1, request.utcOffsetMinutes), 'runs past midnight'],
    ];
    for (const [holds, rule] of rules) if (!holds) broken.push(`${brief(session)} ${rule}`);
    perDay.set(session.date, (perDay.get(session.date) ?? 0) + session.minutes);
    previousEnd = endMs;
  }
  for (const [date, minutes] of perDay) {
    if (minutes > request.minutesPerDay) broken.push(`${date} has ${minutes} minutes`);
  }
  if (new Set(plan.sessions.map((s) => s.n)).size !== plan.sessions.length)
    broken.push('repeated n');
  return broken;
}

describe('plan properties', () => {
  it('never schedules past the deadline, before the start, over the daily minutes or overlapping', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const plan = generatePlan(request);
        expect(brokenRules(plan, request)).toEqual([]);
        expect(plan.sessions.every((s, i) => s.n === i + 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every rule when replanning, and keeps the completed sessions', () => {
    fc.assert(
      fc.property(
        requestArb,
        fc.double({ min: 0, max: 1.2, noNaN: true }),
        fc.array(fc.boolean(), { maxLength: 200 }),
        (request, when, done) => {
          const plan = generatePlan(request);
          const completed = new Set(plan.sessions.filter((_, i) => done[i]).map((s) => s.n));
          const span = request.deadline.getTime() - request.start.getTime();
          const now = new Date(request.start.getTime() + when * span);
          const next = replan(plan, [...completed], now);
          expect(brokenRules(next, request)).toEqual([]);
          const kept = next.sessions.filter((s) => completed.has(s.n));
          expect(kept).toEqual(plan.sessions.filter((s) => completed.has(s.n)));
          const fresh = next.sessions.filter((s) => !completed.has(s.n));
          expect(fresh.every((s) => s.startAt >= now)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives weaker topics at least as much practice, up to one session', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const plan = generatePlan({ ...request, finalTests: 0 });
        const practice = (topic: string) =>
          plan.sessions
            .filter((s) => s.kind === 'practice' && s.topics.includes(topic))
            .reduce((total, s) => total + s.minutes, 0);
        const weakness = (t: (typeof request.topics)[number]) =>
          1 - t.mastery * (t.retrievability ?? 1);
        for (const weak of request.topics) {
          for (const strong of request.topics) {
            if (weakness(weak) > weakness(strong)) {
              expect(practice(weak.topic) + request.sessionMinutes).toBeGreaterThanOrEqual(
                practice(strong.topic),
              );
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
