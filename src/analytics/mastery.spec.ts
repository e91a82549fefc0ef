import fc from 'fast-check';
import { LearningVelocityAccumulator, MasteryAccumulator } from './mastery';
import type { AnswerRecord } from './records';

const T0 = Date.UTC(2024, 0, 1, 12);
const DAY = 86_400_000;
const MINUTE = 60_000;

function answer(
  dayOffset: number,
  correct: boolean,
  extra: Partial<AnswerRecord> = {},
): AnswerRecord {
  return {
    at: new Date(T0 + dayOffset * DAY),
    topic: 'algebra',
    correct,
    responseMs: 30 * MINUTE,
    ...extra,
  };
}

function masteryOf(answers: AnswerRecord[], now: Date, halfLifeDays = Infinity) {
  const accumulator = new MasteryAccumulator({ halfLifeDays });
  answers.forEach((a) => accumulator.add(a));
  return accumulator.result(now);
}

/** P(X ≥ k) for X ~ Binomial(n, x). */
function binomialUpperTail(k: number, n: number, x: number): number {
  let choose = 1;
  let total = 0;
  for (let j = 0; j <= n; j++) {
    if (j >= k) total += choose * x ** j * (1 - x) ** (n - j);
    choose = (choose * (n - j)) / (j + 1);
  }
  return total;
}

describe('MasteryAccumulator', () => {
  it('is the conjugate Beta posterior without fading: 7 of 10 with a uniform prior', () => {
    const answers = [...Array(10).keys()].map((i) => answer(0, i < 7));
    const [result] = masteryOf(answers, new Date(T0));
    // Beta(1 + 7, 1 + 3): mean 8 / 12.
    expect(result.mastery).toBeCloseTo(8 / 12, 12);
    expect(result.answers).toBe(10);
    expect(result.effectiveAnswers).toBe(10);
    // For integer α, β the Beta(8, 4) CDF at x is P(Binomial(11, x) ≥ 8): the 95% interval's
    // ends leave 2.5% on either side.
    expect(binomialUpperTail(8, 11, result.lower)).toBeCloseTo(0.025, 9);
    expect(binomialUpperTail(8, 11, result.upper)).toBeCloseTo(0.975, 9);
    expect(result.lower).toBeLessThan(result.mastery);
    expect(result.upper).toBeGreaterThan(result.mastery);
  });

  it('halves the weight of an answer one half-life old', () => {
    const answers = [answer(0, false), answer(30, true)];
    // At day 30: α = 1 + 1, β = 1 + ½ → 2 / 3.5.
    const [atDay30] = masteryOf(answers, new Date(T0 + 30 * DAY), 30);
    expect(atDay30.mastery).toBeCloseTo(2 / 3.5, 12);
    expect(atDay30.effectiveAnswers).toBeCloseTo(1.5, 12);
    // At day 60: weights ¼ and ½ → α = 1.5, β = 1.25; the estimate drifts back towards ½.
    const [atDay60] = masteryOf(answers, new Date(T0 + 60 * DAY), 30);
    expect(atDay60.mastery).toBeCloseTo(1.5 / 2.75, 12);
    expect(atDay60.upper - atDay60.lower).toBeGreaterThan(atDay30.upper - atDay30.lower);
    expect(atDay60.lastAnswerAt).toEqual(new Date(T0 + 30 * DAY));
  });

  it('does not fade evidence when asked at a time before the last answer', () => {
    const answers = [answer(0, false), answer(30, true)];
    const [early] = masteryOf(answers, new Date(T0), 30);
    expect(early.mastery).toBeCloseTo(2 / 3.5, 12);
  });

  it('counts partial credit as a fraction of a success', () => {
    const [result] = masteryOf([answer(0, false, { credit: 0.25 })], new Date(T0));
    // α = 1.25, β = 1.75
    expect(result.mastery).toBeCloseTo(1.25 / 3, 12);
  });

  it('keeps topics apart and sorts them', () => {
    const results = masteryOf(
      [answer(0, true, { topic: 'geometry' }), answer(0, false, { topic: 'algebra' })],
      new Date(T0),
    );
    expect(results.map((r) => [r.topic, r.mastery])).toEqual([
      ['algebra', 1 / 3],
      ['geometry', 2 / 3],
    ]);
  });

  it('gives the same estimate whatever order the answers arrive in', () => {
    const answerArb = fc.record({
      day: fc.integer({ min: 0, max: 200 }),
      correct: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(answerArb, { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (raw, flip) => {
          const answers = raw.map((r) => answer(r.day, r.correct));
          const now = new Date(T0 + 250 * DAY);
          const forward = masteryOf(answers, now, 30)[0];
          const shuffled = flip
            ? [...answers].reverse()
            : [...answers].sort((a, b) => +b.correct - +a.correct);
          const other = masteryOf(shuffled, now, 30)[0];
          expect(other.mastery).toBeCloseTo(forward.mastery, 10);
          expect(other.effectiveAnswers).toBeCloseTo(forward.effectiveAnswers, 10);
          expect(forward.lower).toBeLessThanOrEqual(forward.mastery);
          expect(forward.upper).toBeGreaterThanOrEqual(forward.mastery);
        },
      ),
    );
  });

  it('rejects impossible options and credit', () => {
    expect(() => new MasteryAccumulator({ halfLifeDays: 0 })).toThrow(RangeError);
    expect(() => new MasteryAccumulator({ priorCorrect: 0 })).toThrow(RangeError);
    expect(() => new MasteryAccumulator({ credibility: 1 })).toThrow(RangeError);
    expect(() => new MasteryAccumulator().add(answer(0, true, { credit: 1.5 }))).toThrow(
      RangeError,
    );
    const undated = answer(0, true, { at: new Date('not a date') });
    expect(() => new MasteryAccumulator().add(undated)).toThrow(RangeError);
  });
});

describe('LearningVelocityAccumulator', () => {
  function velocityOf(answers: AnswerRecord[], halfLifeDays = Infinity) {
    const accumulator = new LearningVelocityAccumulator({ halfLifeDays });
    answers.forEach((a) => accumulator.add(a));
    return accumulator.result();
  }

  it('regresses mastery after each answer on study hours and on weeks', () => {
    // Three correct answers a week apart, 30 minutes each: mastery 2/3, 3/4, 4/5 at
    // 0.5, 1, 1.5 study hours and at weeks 0, 1, 2. Equally spaced x: slope = (y₃ − y₁)/(x₃ − x₁).
    const result = velocityOf([answer(0, true), answer(7, true), answer(14, true)]);
    const [algebra] = result.topics;
    expect(algebra.studyHours).toBeCloseTo(1.5, 12);
    expect(algebra.perStudyHour).toBeCloseTo((4 / 5 - 2 / 3) / 1, 12);
    expect(algebra.perWeek).toBeCloseTo((4 / 5 - 2 / 3) / 2, 12);
  });

  it('uses the faded mastery at each answer', () => {
    // Wrong at day 0 (mastery 1/3), right at day 30 with a 30-day half-life (mastery 2/3.5 = 4/7):
    // slope over weeks = (4/7 − 1/3) / (30/7) = 1/18.
    const [algebra] = velocityOf([answer(0, false), answer(30, true)], 30).topics;
    expect(algebra.perWeek).toBeCloseTo(1 / 18, 12);
  });

  it('leaves the slope undefined with a single answer', () => {
    const result = velocityOf([answer(0, true)]);
    expect(result.topics[0].perStudyHour).toBeUndefined();
    expect(result.overall).toEqual({ perStudyHour: undefined, perWeek: undefined });
  });

  it('averages topic slopes weighted by their answers', () => {
    const slow = { topic: 'geometry', responseMs: 60 * MINUTE };
    const result = velocityOf([
      answer(0, true),
      answer(0, false, slow),
      answer(7, true),
      answer(7, false, slow),
      answer(14, true),
    ]);
    // geometry: mastery 1/3 then 1/4 at 1 h and 2 h → −1/12 per hour; algebra: 2/15 per hour.
    expect(result.topics[1].perStudyHour).toBeCloseTo(-1 / 12, 12);
    expect(result.overall.perStudyHour).toBeCloseTo((3 * (2 / 15) + 2 * (-1 / 12)) / 5, 12);
  });

  it('refuses answers out of chronological order, undated or with a negative time', () => {
    const accumulator = new LearningVelocityAccumulator();
    accumulator.add(answer(1, true));
    expect(() => accumulator.add(answer(0, true))).toThrow(RangeError);
    expect(() => accumulator.add(answer(2, true, { responseMs: -1 }))).toThrow(RangeError);
    expect(() => accumulator.add(answer(2, true, { at: new Date(Number.NaN) }))).toThrow(
      RangeError,
    );
  });
});
