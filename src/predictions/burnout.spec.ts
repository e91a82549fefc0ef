import { type AnswerEvent, assessBurnout, type StudySession } from './burnout';

const now = new Date('2024-05-29T12:00:00.000Z');
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A session `daysAgo` days before `now`, starting at the given UTC hour of that day. */
function session(daysAgo: number, startHourUtc: number, minutes: number): StudySession {
  const dayStart = Date.UTC(2024, 4, 29) - daysAgo * DAY_MS;
  const start = new Date(dayStart + startHourUtc * HOUR_MS);
  return { start, end: new Date(start.getTime() + minutes * 60_000) };
}

/** `count` answers during the session, the first `correct` of them right, each taking `ms`. */
function answersIn(s: StudySession, count: number, correct: number, ms: number): AnswerEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(s.start.getTime() + (i + 1) * 60_000),
    correct: i < correct,
    responseTimeMs: ms,
  }));
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

// Baseline: days 8–35 before now (the 28 days before the last 7), one 60-minute session a day at
// 18:00 UTC with 10 answers, 8 right, 10 s each: accuracy 0.8, median 10 s, 1 session a day.
const baselineSessions = range(8, 35).map((d) => session(d, 18, 60));
const baselineAnswers = baselineSessions.flatMap((s) => answersIn(s, 10, 8, 10_000));

function byName(result: ReturnType<typeof assessBurnout>) {
  return Object.fromEntries(result.indicators.map((i) => [i.name, i]));
}

describe('assessBurnout', () => {
  it('reports low with no change from the baseline', () => {
    const recent = range(1, 7).map((d) => session(d, 18, 60));
    const result = assessBurnout(
      [...baselineAnswers, ...recent.flatMap((s) => answersIn(s, 10, 8, 10_000))],
      [...baselineSessions, ...recent],
      now,
    );
    expect(result.level).toBe('low');
    expect(result.score).toBe(0);
    for (const item of result.indicators) {
      expect(item).toMatchObject({
        value: 0,
        contribution: 0,
        triggered: false,
        sufficientData: true,
      });
    }
  });

  it('reports high when every indicator fires', () => {
    // Recent: 3 sessions in 7 days, at 23:30 UTC for 150 minutes, 10 answers each, 6 right, 14 s.
    const recent = [1, 3, 5].map((d) => session(d, 23.5, 150));
    const result = assessBurnout(
      [...baselineAnswers, ...recent.flatMap((s) => answersIn(s, 10, 6, 14_000))],
      [...baselineSessions, ...recent],
      now,
    );
    const indicators = byName(result);
    // accuracy 0.8 − 0.6 = 0.2
    expect(indicators.accuracyDecline.value).toBeCloseTo(0.2, 12);
    // response time 14 s / 10 s − 1 = 0.4
    expect(indicators.responseTimeIncrease.value).toBeCloseTo(0.4, 12);
    // frequency 1 − (3/7) / (28/28) = 0.5714286
    expect(indicators.sessionFrequencyDrop.value).toBeCloseTo(0.5714286, 7);
    // late or long share 3/3 − 0/28 = 1
    expect(indicators.lateOrLongSessions.value).toBe(1);
    expect(result.indicators.every((i) => i.triggered && i.contribution === 0.25)).toBe(true);
    expect(result).toMatchObject({ level: 'high', score: 1 });
  });

  it('adds partial contributions: one full and one half signal make moderate', () => {
    // Same rhythm, accuracy 0.6 (decline 0.2 ≥ 0.15 → 0.25) and 11.5 s (+0.15 = half of 0.30 → 0.125).
    const recent = range(1, 7).map((d) => session(d, 18, 60));
    const result = assessBurnout(
      [...baselineAnswers, ...recent.flatMap((s) => answersIn(s, 10, 6, 11_500))],
      [...baselineSessions, ...recent],
      now,
    );
    const indicators = byName(result);
    expect(indicators.accuracyDecline).toMatchObject({ contribution: 0.25, triggered: true });
    expect(indicators.responseTimeIncrease.contribution).toBeCloseTo(0.125, 12);
    expect(indicators.responseTimeIncrease.triggered).toBe(false);
    expect(result.score).toBeCloseTo(0.375, 12);
    expect(result.level).toBe('moderate');
  });

  it('does not count improvements, and flags windows with too little data', () => {
    // One recent session with 5 answers, all right and fast: fewer than 10 answers, fewer than 2 sessions.
    const recent = [session(2, 18, 60)];
    const result = assessBurnout(
      [...baselineAnswers, ...answersIn(recent[0], 5, 5, 5_000)],
      [...baselineSessions, ...recent],
      now,
    );
    expect(result.indicators.every((i) => !i.sufficientData && i.contribution === 0)).toBe(true);
    expect(result.level).toBe('low');
  });

  it('judges late night in the student’s time zone', () => {
    // Baseline 19:00–20:00 UTC = 21:00–22:00 in Berlin (CEST, UTC+2); recent 21:30–22:30 UTC =
    // 23:30–00:30 in Berlin, late there but not in UTC.
    const baseline = range(8, 35).map((d) => session(d, 19, 60));
    const recent = range(1, 7).map((d) => session(d, 21.5, 60));
    const inUtc = byName(assessBurnout([], [...baseline, ...recent], now));
    const inBerlin = byName(
      assessBurnout([], [...baseline, ...recent], now, { timeZone: 'Europe/Berlin' }),
    );
    expect(inUtc.lateOrLongSessions.value).toBe(0);
    expect(inBerlin.lateOrLongSessions.value).toBe(1);
  });

  it('ignores activity outside the two windows', () => {
    const future = session(-1, 23, 300);
    const ancient = session(40, 23, 300);
    const recent = range(1, 7).map((d) => session(d, 18, 60));
    const result = assessBurnout([], [...baselineSessions, ...recent, future, ancient], now);
    expect(byName(result).lateOrLongSessions.value).toBe(0);
    expect(byName(result).sessionFrequencyDrop.value).toBe(0);
  });

  it('rejects empty windows', () => {
    expect(() => assessBurnout([], [], now, { recentDays: 0 })).toThrow(RangeError);
  });
});
