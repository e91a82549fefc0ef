import { FingerprintAccumulator, type FingerprintOptions } from './fingerprint';
import type { AnswerRecord, SessionRecord } from './records';

const MINUTE = 60_000;

function session(startIso: string, minutes: number, answers: AnswerRecord[] = []): SessionRecord {
  const startedAt = new Date(startIso);
  return { startedAt, endedAt: new Date(startedAt.getTime() + minutes * MINUTE), answers };
}

function answerTaking(responseMs: number, correct: boolean): AnswerRecord {
  return { at: new Date('2024-01-01T00:00:00Z'), topic: 't', correct, responseMs };
}

function fingerprintOf(sessions: SessionRecord[], now: string, options: FingerprintOptions) {
  const accumulator = new FingerprintAccumulator(options);
  sessions.forEach((s) => accumulator.add(s));
  return accumulator.result(new Date(now));
}

describe('FingerprintAccumulator', () => {
  it('splits study minutes over the local hours a session spans', () => {
    // UTC+2: 07:30–08:45 UTC is 09:30–10:45 local → 30 minutes at 9, 45 at 10.
    const result = fingerprintOf([session('2024-01-01T07:30:00Z', 75)], '2024-01-02T00:00:00Z', {
      utcOffsetMinutes: 120,
    });
    expect(result.minutesByHour[9]).toBe(30);
    expect(result.minutesByHour[10]).toBe(45);
    expect(result.minutesByHour.reduce((a, b) => a + b)).toBe(75);
    expect(result.preferredHours).toEqual([10, 9]);
  });

  it('wraps around local midnight, with negative offsets too', () => {
    // UTC−5: 03:00–04:00 UTC is 22:00–23:00 the evening before.
    const west = fingerprintOf([session('2024-01-02T03:00:00Z', 60)], '2024-01-02T12:00:00Z', {
      utcOffsetMinutes: -300,
    });
    expect(west.preferredHours).toEqual([22]);
    // UTC+2: 21:30–22:30 UTC is 23:30–00:30 local, half on each local day.
    const east = fingerprintOf([session('2024-01-01T21:30:00Z', 60)], '2024-01-02T12:00:00Z', {
      utcOffsetMinutes: 120,
      consistencyDays: 2,
    });
    expect(east.minutesByHour[23]).toBe(30);
    expect(east.minutesByHour[0]).toBe(30);
    expect(east.consistency.activeDays).toBe(2);
    expect(east.consistency.dailyMinutesCv).toBe(0); // 30 and 30
  });

  it('keeps only the top hours, breaking ties by the earlier hour', () => {
    const result = fingerprintOf(
      [
        session('2024-01-01T08:00:00Z', 20),
        session('2024-01-01T18:00:00Z', 20),
        session('2024-01-01T12:00:00Z', 40),
        session('2024-01-01T06:00:00Z', 10),
      ],
      '2024-01-02T00:00:00Z',
      { utcOffsetMinutes: 0, topHours: 3 },
    );
    expect(result.preferredHours).toEqual([12, 8, 18]);
  });

  it('reports session length as median and interquartile range (type 7 quartiles)', () => {
    const lengths = (minutes: number[]) =>
      fingerprintOf(
        minutes.map((m) => session('2024-01-01T08:00:00Z', m)),
        '2024-01-02T00:00:00Z',
        { utcOffsetMinutes: 0 },
      ).sessionLength;
    // Five values: quartiles sit on the 2nd, 3rd and 4th order statistics.
    expect(lengths([100, 10, 40, 20, 30])).toEqual({
      sessions: 5,
      medianMinutes: 30,
      q1Minutes: 20,
      q3Minutes: 40,
      iqrMinutes: 20,
    });
    // Four values: positions 0.75, 1.5, 2.25 between 10, 20, 30, 40.
    expect(lengths([10, 20, 30, 40])).toMatchObject({
      q1Minutes: 17.5,
      medianMinutes: 25,
      q3Minutes: 32.5,
    });
  });

  it('correlates ln(response time) with correctness (point-biserial)', () => {
    // ln t = 1, 2 wrong and 3, 4 right: r = (M₁ − M₀)/s · √(pq) = (3.5 − 1.5)/√1.25 · ½ = 2/√5.
    const answers = [
      answerTaking(Math.exp(1), false),
      answerTaking(Math.exp(2), false),
      answerTaking(Math.exp(3), true),
      answerTaking(Math.exp(4), true),
      answerTaking(0, true), // no logarithm: left out
    ];
    const result = fingerprintOf(
      [session('2024-01-01T08:00:00Z', 10, answers)],
      '2024-01-02T00:00:00Z',
      { utcOffsetMinutes: 0 },
    );
    expect(result.speedAccuracy.answers).toBe(4);
    expect(result.speedAccuracy.correlation).toBeCloseTo(2 / Math.sqrt(5), 12);
  });

  it('measures consistency over the last 28 local days, zero days included', () => {
    const result = fingerprintOf(
      [
        session('2024-01-28T08:00:00Z', 60),
        session('2024-01-27T08:00:00Z', 30),
        session('2024-01-01T08:00:00Z', 30),
        session('2023-12-31T08:00:00Z', 300), // outside the window
      ],
      '2024-01-28T12:00:00Z',
      { utcOffsetMinutes: 0 },
    );
    // Minutes 60, 30, 30 and 25 zeros: mean 120/28, population variance 5400/28 − (120/28)².
    const meanMinutes = 120 / 28;
    const sd = Math.sqrt(5400 / 28 - meanMinutes ** 2);
    expect(result.consistency).toEqual({
      days: 28,
      activeDays: 3,
      activeShare: 3 / 28,
      meanDailyMinutes: expect.closeTo(meanMinutes, 12),
      dailyMinutesCv: expect.closeTo(sd / meanMinutes, 12),
    });
  });

  it('has honest blanks for a student with no sessions', () => {
    const result = fingerprintOf([], '2024-01-28T12:00:00Z', { utcOffsetMinutes: 0 });
    expect(result.preferredHours).toEqual([]);
    expect(result.sessionLength).toBeUndefined();
    expect(result.speedAccuracy).toEqual({ answers: 0, correlation: undefined });
    expect(result.consistency).toMatchObject({ activeDays: 0, dailyMinutesCv: undefined });
  });

  it('rejects impossible sessions and offsets', () => {
    const accumulator = new FingerprintAccumulator({ utcOffsetMinutes: 0 });
    expect(() => accumulator.add(session('2024-01-01T08:00:00Z', -5))).toThrow(RangeError);
    expect(() => new FingerprintAccumulator({ utcOffsetMinutes: 15 * 60 })).toThrow(RangeError);
    expect(() => new FingerprintAccumulator({ utcOffsetMinutes: 0, topHours: 0 })).toThrow(
      RangeError,
    );
  });
});
