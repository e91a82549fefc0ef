import { tempDataDir } from '../support/content-helpers';
import { uploadDocument } from '../support/factories/documents';
import { createQuestions } from '../support/factories/questions';
import { DAY, HOUR, newStudent, practise, reviewAllDue } from '../support/learning';
import { TestApp } from '../support/test-app';

const START = new Date('2025-06-02T08:00:00.000Z');

describe('Analytics (e2e)', () => {
  let t: TestApp;
  const data = tempDataDir();

  beforeAll(async () => {
    t = await TestApp.start({ now: START, env: { DATA_DIR: data.dir } });
  });
  afterAll(async () => {
    await t.stop();
    data.remove();
  });

  it('shows the prior for a student without answers', async () => {
    const student = await newStudent(t);
    const mastery = await student.get('/api/analytics/mastery', 200);
    expect(mastery.body.topics).toEqual([]);
    const topic = await student.get('/api/analytics/topics/algebra', 200);
    expect(topic.body).toMatchObject({
      topic: 'algebra',
      mastery: null,
      velocity: null,
      forgettingCurve: { fit: { status: 'not-fittable', reason: 'no-reviews', reviewsUsed: 0 } },
    });
    const velocity = await student.get('/api/analytics/velocity', 200);
    expect(velocity.body).toMatchObject({
      topics: [],
      overall: { perStudyHour: null, perWeek: null },
    });
    const fingerprint = await student.get('/api/analytics/fingerprint', 200);
    expect(fingerprint.body).toMatchObject({
      timeZone: 'UTC',
      preferredHours: [],
      sessionLength: null,
      speedAccuracy: { answers: 0, correlation: null },
      consistency: { activeDays: 0, dailyMinutesCv: null },
    });
  });

  it('reflects new answers and reviews at once, though figures are cached', async () => {
    const student = await newStudent(t);
    await createQuestions(student, 'optics', 4);
    await practise(t, student, { topics: ['optics'], questionCount: 4, correct: () => false });
    const before = await student.get('/api/analytics/mastery?topic=optics', 200);
    // Same clock minute, same answer: served from the cache.
    const again = await student.get('/api/analytics/mastery?topic=optics', 200);
    expect(again.body).toEqual(before.body);
    // Uniform prior, four wrong answers seconds old: (1 + 0) / (2 + ~4) ≈ 1/6.
    expect(before.body.topics[0].mastery).toBeCloseTo(1 / 6, 3);

    // Four right answers in the same minute must show immediately.
    t.clock.set(new Date(Math.ceil(t.clock.now().getTime() / 60_000) * 60_000 - 1));
    const minute = Math.floor(t.clock.now().getTime() / 60_000);
    const { sessionId } = await practise(t, student, {
      topics: ['optics'],
      questionCount: 4,
      correct: () => true,
      responseMs: 0,
    });
    expect(Math.floor(t.clock.now().getTime() / 60_000)).toBe(minute);
    const after = await student.get('/api/analytics/mastery?topic=optics', 200);
    expect(after.body.topics[0].answers).toBe(8);
    expect(after.body.topics[0].mastery).toBeCloseTo(5 / 10, 3);

    // A review shows in the forgetting curve at once too.
    await student.post(`/api/reviews/from-session/${sessionId}`, {}, 201);
    const curveBefore = await student.get('/api/analytics/forgetting-curve', 200);
    const firstSession = await practise(t, student, {
      topics: ['optics'],
      questionCount: 4,
      correct: () => false,
    });
    await student.post(`/api/reviews/from-session/${firstSession.sessionId}`, {}, 201);
    await reviewAllDue(t, student, () => 'good');
    t.clock.advance(2 * DAY);
    await reviewAllDue(t, student, () => 'again');
    const curve = await student.get('/api/analytics/forgetting-curve', 200);
    const reviews = (c: { body: { overall: { fit: { reviewsUsed: number } } } }) =>
      c.body.overall.fit.reviewsUsed;
    expect(reviews(curve)).toBeGreaterThan(reviews(curveBefore));
    const fit = curve.body.overall.fit;
    // Every card reviewed after its first review was forgotten: nothing to fit a decay on.
    expect(fit).toMatchObject({ status: 'not-fittable', reason: 'none-recalled' });
  });

  it('readiness comes from the student’s own questions of a document only', async () => {
    const student = await newStudent(t);
    const documentId = (await uploadDocument(student, 'water-cycle.txt')).id;
    await createQuestions(student, 'evaporation', 3, { documentId, difficulty: 0.2 });
    await createQuestions(student, 'condensation', 2, { documentId, difficulty: 0.8 });
    const readiness = await student.get(`/api/analytics/readiness/${documentId}`, 200);
    // θ = 0 everywhere: P = σ(−b) with b = logit(difficulty): 0.8 for the easy and 0.2 for the hard.
    expect(readiness.body.predictedScore).toBeCloseTo((3 * 0.8 + 2 * 0.2) / 5, 9);
    // sd = √(Σ p(1 − p)) / n = √(3·0.16 + 2·0.16) / 5
    expect(readiness.body.standardDeviation).toBeCloseTo(Math.sqrt(5 * 0.16) / 5, 9);
    expect(readiness.body.lower).toBeCloseTo(0.56 - 1.959964 * (Math.sqrt(0.8) / 5), 5);
    expect(readiness.body.topics.map((x: { topic: string }) => x.topic)).toEqual([
      'condensation',
      'evaporation',
    ]);

    const other = await newStudent(t);
    await other.get(`/api/analytics/readiness/${documentId}`, 404);
    await other.get('/api/analytics/readiness/not-an-id', 400);
  });

  it('places the fingerprint in the student’s own hours', async () => {
    const student = t.as(await t.register('student', { timezone: 'America/New_York' }));
    await createQuestions(student, 'tides', 4);
    for (let day = 0; day < 5; day++) {
      // 23:00 UTC is 19:00 in New York in June (EDT, UTC−4).
      const now = t.clock.now();
      const next = new Date(now);
      next.setUTCHours(23, 0, 0, 0);
      if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
      t.clock.set(next);
      await practise(t, student, {
        topics: ['tides'],
        questionCount: 4,
        correct: (_, i) => i % 2 === 0,
        responseMs: 60_000 * (day + 1),
      });
    }
    const fingerprint = await student.get('/api/analytics/fingerprint', 200);
    expect(fingerprint.body).toMatchObject({
      timeZone: 'America/New_York',
      utcOffsetMinutes: -240,
    });
    expect(fingerprint.body.preferredHours[0]).toBe(19);
    // Sessions of 4, 8, 12, 16 and 20 minutes: median 12, quartiles 8 and 16.
    expect(fingerprint.body.sessionLength).toEqual({
      sessions: 5,
      medianMinutes: 12,
      q1Minutes: 8,
      q3Minutes: 16,
      iqrMinutes: 8,
    });
    expect(fingerprint.body.consistency.activeDays).toBe(5);
    expect(fingerprint.body.speedAccuracy.answers).toBe(20);
    t.clock.advance(HOUR);
  });

  it('rejects bad input', async () => {
    const student = await newStudent(t);
    await student.get(`/api/analytics/mastery?topic=${'x'.repeat(201)}`, 400);
    await student.get('/api/analytics/mastery?topic=', 400);
    await student.get('/api/analytics/mastery?extra=1', 400);
    // Past the router's parameter limit the platform answers 414 before any handler runs.
    await student.get(`/api/analytics/topics/${'y'.repeat(201)}`, 414);
    await student.get('/api/analytics/topics/%01tab', 400);
    await student.get('/api/analytics/topics/%20%20', 400);
    await t.http().get('/api/analytics/mastery').expect(401);
  });
});
