import { createQuestions } from '../support/factories/questions';
import { DAY, HOUR, newStudent, practise } from '../support/learning';
import { TestApp } from '../support/test-app';

const START = new Date('2025-01-06T00:00:00.000Z');

/** BKT as Corbett & Anderson define it, written out here as the test's oracle. */
function bktForecast(
  answers: boolean[],
  p = { pInit: 0.3, pLearn: 0.1, pSlip: 0.1, pGuess: 0.25 },
) {
  let known = p.pInit;
  for (const correct of answers) {
    const ifKnown = known * (correct ? 1 - p.pSlip : p.pSlip);
    const ifNot = (1 - known) * (correct ? p.pGuess : 1 - p.pGuess);
    const posterior = ifKnown / (ifKnown + ifNot);
    known = posterior + (1 - posterior) * p.pLearn;
  }
  return { pKnown: known, probability: known * (1 - p.pSlip) + (1 - known) * p.pGuess };
}

describe('Predictions (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ now: START });
  });
  afterAll(() => t.stop());

  it('forecasts success with the default BKT prior until the history is long enough', async () => {
    const student = await newStudent(t);
    const fresh = await student.get('/api/predictions/success/astronomy', 200);
    expect(fresh.body).toMatchObject({
      topic: 'astronomy',
      pKnown: 0.3,
      answersOnTopic: 0,
      model: {
        name: 'bkt',
        source: 'default-prior',
        params: { pInit: 0.3, pLearn: 0.1, pSlip: 0.1, pGuess: 0.25 },
        logLikelihood: null,
      },
    });
    expect(fresh.body.probability).toBeCloseTo(0.445, 12);

    await createQuestions(student, 'astronomy', 6);
    const pattern = [false, true, false, true, true, true];
    const { answered } = await practise(t, student, {
      topics: ['astronomy'],
      questionCount: 6,
      correct: (_, i) => pattern[i],
    });
    const after = await student.get('/api/predictions/success/astronomy', 200);
    const expected = bktForecast(answered.map((a) => a.correct));
    expect(after.body.model.source).toBe('default-prior');
    expect(after.body.answersOnTopic).toBe(6);
    expect(after.body.pKnown).toBeCloseTo(expected.pKnown, 12);
    expect(after.body.probability).toBeCloseTo(expected.probability, 12);
  });

  it('fits the student’s own BKT parameters once there are 40 answers over two topics', async () => {
    const student = await newStudent(t);
    await createQuestions(student, 'algebra', 10);
    await createQuestions(student, 'geometry', 10, { offset: 10 });
    for (let round = 0; round < 2; round++) {
      for (const topic of ['algebra', 'geometry']) {
        await practise(t, student, {
          topics: [topic],
          questionCount: 10,
          correct: (_, i) => (topic === 'algebra' ? i >= 2 : i % 3 === 0),
        });
        t.clock.advance(HOUR);
      }
    }
    const algebra = await student.get('/api/predictions/success/algebra', 200);
    const geometry = await student.get('/api/predictions/success/geometry', 200);
    expect(algebra.body.model).toMatchObject({ source: 'fitted', answers: 40, sequences: 2 });
    expect(algebra.body.model.logLikelihood).toBeLessThan(0);
    expect(geometry.body.model.params).toEqual(algebra.body.model.params);
    expect(algebra.body.probability).toBeGreaterThan(geometry.body.probability);
  });

  it('aims the next difficulty at the configured success rate', async () => {
    const student = await newStudent(t);
    const fresh = await student.get('/api/predictions/next-difficulty/chemistry', 200);
    // θ = 0, p = 0.7: b = −ln(0.7 / 0.3) = −0.8473, which is 0.3 on the 0..1 scale: easy.
    expect(fresh.body).toMatchObject({
      topic: 'chemistry',
      theta: 0,
      answers: 0,
      targetSuccess: 0.7,
    });
    expect(fresh.body.difficulty.logit).toBeCloseTo(-0.8472979, 6);
    expect(fresh.body.difficulty.fraction).toBeCloseTo(0.3, 9);
    expect(fresh.body.difficulty.level).toBe('easy');

    await createQuestions(student, 'chemistry', 5);
    await practise(t, student, { topics: ['chemistry'], questionCount: 5, correct: () => true });
    const stronger = await student.get('/api/predictions/next-difficulty/chemistry', 200);
    expect(stronger.body.theta).toBeGreaterThan(0);
    expect(stronger.body.answers).toBe(5);
    expect(stronger.body.difficulty.logit).toBeCloseTo(
      stronger.body.theta - Math.log(0.7 / 0.3),
      9,
    );
  });

  it('raises every burnout indicator when a steady routine turns into scarce, failing late nights', async () => {
    t.clock.set(START);
    const student = await newStudent(t);
    await createQuestions(student, 'history', 5, { offset: 40 });
    const session = async (at: Date, correct: number, responseMs: number) => {
      t.clock.set(at);
      await practise(t, student, {
        topics: ['history'],
        questionCount: 5,
        correct: (_, i) => i < correct,
        responseMs,
      });
    };
    // Baseline, four weeks: every evening at 18:00, 4 of 5 right, 20 seconds an answer.
    for (let day = 0; day < 28; day++) {
      await session(new Date(START.getTime() + day * DAY + 18 * HOUR), 4, 20_000);
    }
    // Last week: three sessions at 01:00, 1 of 5 right, 40 seconds an answer.
    for (const day of [29, 31, 33]) {
      await session(new Date(START.getTime() + day * DAY + HOUR), 1, 40_000);
    }
    t.clock.set(new Date(START.getTime() + 35 * DAY));
    const risk = await student.get('/api/predictions/burnout-risk', 200);
    const byName = Object.fromEntries(
      risk.body.indicators.map((i: { name: string }) => [i.name, i]),
    );
    expect(byName.accuracyDecline).toMatchObject({
      threshold: 0.15,
      triggered: true,
      contribution: 0.25,
    });
    expect(byName.accuracyDecline.value).toBeCloseTo(0.8 - 0.2, 12);
    expect(byName.responseTimeIncrease).toMatchObject({
      value: 1,
      threshold: 0.3,
      triggered: true,
    });
    // 3 sessions in 7 days against 28 in 28: 1 − 3/7.
    expect(byName.sessionFrequencyDrop.value).toBeCloseTo(1 - 3 / 7, 12);
    expect(byName.sessionFrequencyDrop.triggered).toBe(true);
    expect(byName.lateOrLongSessions).toMatchObject({
      value: 1,
      triggered: true,
      contribution: 0.25,
    });
    expect(risk.body).toMatchObject({ level: 'high', score: 1, timeZone: 'UTC' });
  }, 300_000);

  it('rejects bad topics and anonymous callers', async () => {
    const student = await newStudent(t);
    await student.get('/api/predictions/success/%00', 400);
    await student.get('/api/predictions/next-difficulty/%20', 400);
    await t.http().get('/api/predictions/burnout-risk').expect(401);
  });
});
