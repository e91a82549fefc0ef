import type { AnswerRecord } from '../analytics/records';
import { bandOf, latestScores, MasteryTimeline, overallMastery } from './cohort';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const at = (days: number) => new Date(T0 + days * DAY);
const answer = (days: number, topic: string, correct: boolean): AnswerRecord => ({
  at: at(days),
  topic,
  correct,
  responseMs: 10_000,
});

describe('latestScores', () => {
  it('keeps each student’s most recent score and sets the viewer apart', () => {
    const result = latestScores(
      [
        { userId: 'me', score: 0.4, finishedAt: at(1) },
        { userId: 'a', score: 0.9, finishedAt: at(2) },
        { userId: 'me', score: 0.7, finishedAt: at(3) },
        { userId: 'a', score: 0.5, finishedAt: at(4) },
        { userId: 'b', score: 0.6, finishedAt: at(1) },
      ],
      'me',
    );
    expect(result.viewer).toEqual({ userId: 'me', score: 0.7, finishedAt: at(3) });
    expect(result.attempts).toBe(2);
    expect(result.peers).toEqual([
      { studentId: 'a', value: 0.5 },
      { studentId: 'b', value: 0.6 },
    ]);
  });

  it('has no viewer entry for someone who never finished a test', () => {
    expect(latestScores([{ userId: 'a', score: 1, finishedAt: at(0) }], 'me')).toMatchObject({
      viewer: undefined,
      attempts: 0,
    });
  });
});

describe('bandOf', () => {
  it('cuts at the quartiles', () => {
    expect([0, 24.9, 25, 49.9, 50, 74.9, 75, 100].map(bandOf)).toEqual([
      'bottom-quarter',
      'bottom-quarter',
      'lower-middle',
      'lower-middle',
      'upper-middle',
      'upper-middle',
      'top-quarter',
      'top-quarter',
    ]);
  });
});

describe('overallMastery', () => {
  it('weighs each topic by its evidence', () => {
    const topic = (mastery: number, effectiveAnswers: number) => ({
      topic: 't',
      mastery,
      lower: 0,
      upper: 1,
      credibility: 0.95,
      answers: effectiveAnswers,
      effectiveAnswers,
      lastAnswerAt: at(0),
    });
    // (0.8 × 3 + 0.4 × 1) / 4 = 0.7
    expect(overallMastery([topic(0.8, 3), topic(0.4, 1)])).toBeCloseTo(0.7, 12);
    expect(overallMastery([])).toBeUndefined();
  });
});

describe('MasteryTimeline', () => {
  it('gives the mastery that held at each checkpoint, from earlier answers only', () => {
    const options = { halfLifeDays: Infinity };
    const timeline = new MasteryTimeline([at(1.5), at(10), at(0.5)], options);
    // Day 1: 3 right of 3 on one topic; day 5: 1 right and 1 wrong on another.
    for (const a of [answer(1, 'x', true), answer(1, 'x', true), answer(1, 'x', true)])
      timeline.add(a);
    timeline.add(answer(5, 'y', true));
    timeline.add(answer(5, 'y', false));
    // At day 1.5 only x counts: Beta(1 + 3, 1) mean 4/5 = 0.8.
    // At day 10: x 0.8 (weight 3), y (1 + 1)/(2 + 2) = 0.5 (weight 2): (2.4 + 1) / 5 = 0.68.
    expect(timeline.result()).toEqual([
      { at: at(1.5), value: expect.closeTo(0.8, 12) },
      { at: at(10), value: expect.closeTo(0.68, 12) },
    ]);
  });

  it('rejects answers out of time order', () => {
    const timeline = new MasteryTimeline([at(3)]);
    timeline.add(answer(2, 'x', true));
    expect(() => timeline.add(answer(1, 'x', true))).toThrow(RangeError);
  });
});
