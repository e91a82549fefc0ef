import { tempDataDir } from '../support/content-helpers';
import type { ApiClient } from '../support/api-client';
import { uploadDocument } from '../support/factories/documents';
import { createQuestions, type QuestionRef } from '../support/factories/questions';
import { advanceToUtc, DAY, practise, reviewAllDue } from '../support/learning';
import { TestApp } from '../support/test-app';

/**
 * One student's five weeks: practice most evenings at 19:00 in Paris (18:00 UTC), cards from every
 * session's mistakes, reviews each day, then the figures every learning module shows, checked
 * against what happened.
 */
const START = new Date('2025-02-03T07:00:00.000Z');
const WEEKS = 5;

describe('Learning science over simulated weeks (e2e)', () => {
  let t: TestApp;
  let student: ApiClient;
  let documentId: string;
  let photosynthesis: QuestionRef[];
  let cells: QuestionRef[];
  const answers: { topic: string; correct: boolean; at: number }[] = [];
  const data = tempDataDir();

  beforeAll(async () => {
    t = await TestApp.start({ now: START, env: { DATA_DIR: data.dir } });
    student = t.as(await t.register('student', { timezone: 'Europe/Paris' }));
    documentId = (await uploadDocument(student, 'photosynthesis.md')).id;
    photosynthesis = await createQuestions(student, 'photosynthesis', 6, {
      documentId,
      difficulty: 0.4,
    });
    cells = await createQuestions(student, 'cell biology', 6, { difficulty: 0.6 });
    const topicOf = new Map([...photosynthesis, ...cells].map((q) => [q.id, q.topic]));

    let session = 0;
    for (let day = 0; day < WEEKS * 7; day++) {
      advanceToUtc(t, 18);
      // Practice six evenings a week, a short session per topic (so each topic's answers are the
      // same whatever order the questions are drawn in); photosynthesis improves week by week, cell
      // biology stays at one right in two.
      if (day % 7 !== 6) {
        const week = Math.floor(day / 7);
        for (const topic of ['photosynthesis', 'cell biology']) {
          const { sessionId, answered } = await practise(t, student, {
            topics: [topic],
            questionCount: 4,
            responseMs: 30_000,
            correct: (_, index) =>
              topic === 'photosynthesis' ? index % 5 < Math.min(4, 1 + week) : index % 2 === 0,
          });
          for (const a of answered) {
            answers.push({
              topic: topicOf.get(a.questionId)!,
              correct: a.correct,
              at: a.at.getTime(),
            });
          }
          await student.post(`/api/reviews/from-session/${sessionId}`, {}, 201);
        }
        session += 1;
      }
      // Reviews after practice: Again for every fourth card met, Good otherwise.
      let graded = 0;
      await reviewAllDue(t, student, () => (graded++ % 4 === 3 ? 'again' : 'good'));
    }
    expect(session).toBe(WEEKS * 6);
  }, 600_000);

  afterAll(async () => {
    await t.stop();
    data.remove();
  });

  it('keeps the queue and the forecast in step with the cards', async () => {
    const cards: { id: string; dueAt: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await student.get(
        `/api/reviews/cards?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        200,
      );
      cards.push(...page.body.items);
      cursor = page.body.next;
    } while (cursor);
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.length).toBeLessThanOrEqual(12);

    t.clock.advance(3 * DAY);
    const now = t.clock.now().getTime();
    const queue = await student.get('/api/reviews/queue?limit=100', 200);
    const due = cards.filter((c) => new Date(c.dueAt).getTime() <= now);
    expect(queue.body.items.map((c: { id: string }) => c.id).sort()).toEqual(
      due.map((c) => c.id).sort(),
    );
    const dueTimes = queue.body.items.map((c: { dueAt: string }) => new Date(c.dueAt).getTime());
    expect(dueTimes).toEqual([...dueTimes].sort((a, b) => a - b));

    const schedule = await student.get('/api/reviews/schedule?days=365', 200);
    expect(schedule.body.timeZone).toBe('Europe/Paris');
    expect(schedule.body.total).toBe(cards.length);
    const today = schedule.body.days[0];
    const dueToday = cards.filter(
      (c) =>
        new Date(c.dueAt).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' }) === today.date,
    );
    expect(today.due).toBe(dueToday.length);
  });

  it('shows mastery from the stated Beta model, faster learning where accuracy rose', async () => {
    const mastery = await student.get('/api/analytics/mastery', 200);
    expect(mastery.body.model).toEqual({
      name: 'beta-bernoulli',
      priorCorrect: 1,
      priorIncorrect: 1,
      halfLifeDays: 30,
      credibility: 0.95,
    });
    const now = t.clock.now().getTime();
    for (const topic of ['photosynthesis', 'cell biology']) {
      // Known answer: α = 1 + Σ w·correct, β = 1 + Σ w·(1 − correct), w = ½^(age / 30 days).
      let alpha = 1;
      let beta = 1;
      for (const a of answers.filter((x) => x.topic === topic)) {
        const w = 0.5 ** ((now - a.at) / (30 * DAY));
        if (a.correct) alpha += w;
        else beta += w;
      }
      const shown = mastery.body.topics.find((m: { topic: string }) => m.topic === topic);
      expect(shown.mastery).toBeCloseTo(alpha / (alpha + beta), 9);
      expect(shown.lower).toBeLessThan(shown.mastery);
      expect(shown.upper).toBeGreaterThan(shown.mastery);
      expect(shown.answers).toBe(answers.filter((x) => x.topic === topic).length);
    }
    const [cellBiology, photo] = mastery.body.topics;
    expect(photo.mastery).toBeGreaterThan(cellBiology.mastery);

    const velocity = await student.get('/api/analytics/velocity', 200);
    const rate = (topic: string) =>
      velocity.body.topics.find((v: { topic: string }) => v.topic === topic);
    expect(rate('photosynthesis').perWeek).toBeGreaterThan(0);
    expect(rate('photosynthesis').perWeek).toBeGreaterThan(rate('cell biology').perWeek);
    expect(rate('photosynthesis').perStudyHour).toBeGreaterThan(0);
    // Time on task: 30 seconds per answer.
    const photoAnswers = answers.filter((a) => a.topic === 'photosynthesis').length;
    expect(rate('photosynthesis').studyHours).toBeCloseTo((photoAnswers * 30) / 3600, 9);
  });

  it('fits the forgetting curve on the reviews and reports its half-life', async () => {
    const curve = await student.get('/api/analytics/forgetting-curve', 200);
    const reviewed = curve.body.overall.bins.reduce(
      (n: number, b: { reviews: number }) => n + b.reviews,
      0,
    );
    expect(reviewed).toBeGreaterThan(0);
    const fit = curve.body.overall.fit;
    expect(fit.status).toBe('fitted');
    expect(fit.halfLifeDays).toBeCloseTo(fit.stabilityDays * Math.LN2, 9);
    expect(fit.stabilityInterval.lower).toBeLessThan(fit.stabilityDays);
    for (const bin of curve.body.overall.bins.filter((b: { reviews: number }) => b.reviews > 0)) {
      expect(bin.observedRecall).toBeCloseTo(bin.recalled / bin.reviews, 12);
      expect(bin.fittedRecall).toBeCloseTo(Math.exp(-bin.meanDays / fit.stabilityDays), 9);
    }
    expect(curve.body.topics.map((c: { topic: string }) => c.topic)).toEqual([
      'cell biology',
      'photosynthesis',
    ]);
  });

  it('predicts readiness for the document with an interval', async () => {
    const readiness = await student.get(`/api/analytics/readiness/${documentId}`, 200);
    expect(readiness.body).toMatchObject({
      documentId,
      model: 'rasch',
      questions: 6,
      confidence: 0.95,
    });
    expect(readiness.body.lower).toBeLessThanOrEqual(readiness.body.predictedScore);
    expect(readiness.body.upper).toBeGreaterThanOrEqual(readiness.body.predictedScore);
    expect(readiness.body.topics).toHaveLength(1);
    expect(readiness.body.topics[0].theta).toBeGreaterThan(0);
    expect(readiness.body.predictedScore).toBeCloseTo(readiness.body.topics[0].expectedScore, 12);
  });

  it('draws the behavioural fingerprint in the student’s time zone', async () => {
    const fingerprint = await student.get('/api/analytics/fingerprint', 200);
    expect(fingerprint.body).toMatchObject({ timeZone: 'Europe/Paris', utcOffsetMinutes: 60 });
    // Practice started at 18:00 UTC, 19:00 in Paris in winter.
    expect(fingerprint.body.preferredHours[0]).toBe(19);
    expect(fingerprint.body.sessionLength.sessions).toBeGreaterThanOrEqual(WEEKS * 6);
    expect(fingerprint.body.speedAccuracy.answers).toBe(answers.length);
    expect(fingerprint.body.consistency.activeDays).toBeGreaterThan(20);
  });

  it('predicts success by BKT fitted on the student’s own answers, and the next difficulty', async () => {
    const photo = await student.get('/api/predictions/success/photosynthesis', 200);
    const cell = await student.get(
      `/api/predictions/success/${encodeURIComponent('cell biology')}`,
      200,
    );
    expect(photo.body.model).toMatchObject({
      name: 'bkt',
      source: 'fitted',
      answers: answers.length,
      sequences: 2,
    });
    expect(photo.body.probability).toBeGreaterThan(cell.body.probability);
    expect(photo.body.answersOnTopic).toBe(
      answers.filter((a) => a.topic === 'photosynthesis').length,
    );

    const harder = await student.get('/api/predictions/next-difficulty/photosynthesis', 200);
    const easier = await student.get(
      `/api/predictions/next-difficulty/${encodeURIComponent('cell biology')}`,
      200,
    );
    expect(harder.body.targetSuccess).toBe(0.7);
    expect(harder.body.difficulty.logit).toBeCloseTo(harder.body.theta - Math.log(0.7 / 0.3), 9);
    expect(harder.body.difficulty.logit).toBeGreaterThan(easier.body.difficulty.logit);

    const burnout = await student.get('/api/predictions/burnout-risk', 200);
    expect(burnout.body.indicators.map((i: { name: string }) => i.name)).toEqual([
      'accuracyDecline',
      'responseTimeIncrease',
      'sessionFrequencyDrop',
      'lateOrLongSessions',
    ]);
    // Known answer: accuracy of the 28 days before the last 7, minus that of the last 7.
    const asOf = new Date(burnout.body.asOf).getTime();
    const accuracy = (from: number, to: number) => {
      const inWindow = answers.filter((a) => a.at > from && a.at <= to);
      return inWindow.filter((a) => a.correct).length / inWindow.length;
    };
    const decline = accuracy(asOf - 35 * DAY, asOf - 7 * DAY) - accuracy(asOf - 7 * DAY, asOf);
    const [accuracyDecline, responseTime] = burnout.body.indicators;
    expect(accuracyDecline).toMatchObject({
      threshold: 0.15,
      sufficientData: true,
      triggered: false,
    });
    expect(accuracyDecline.value).toBeCloseTo(decline, 12);
    // Each indicator contributes a quarter of its value over its threshold, clamped to [0, 1];
    // a rise in accuracy (a negative decline) contributes nothing. Every answer took 30 seconds.
    expect(accuracyDecline.contribution).toBeCloseTo(
      0.25 * Math.min(1, Math.max(0, decline / 0.15)),
      12,
    );
    expect(responseTime).toMatchObject({ value: 0, contribution: 0 });
    const score = burnout.body.indicators.reduce(
      (n: number, i: { contribution: number }) => n + i.contribution,
      0,
    );
    expect(burnout.body.score).toBeCloseTo(score, 12);
    expect(burnout.body.level).toBe(score >= 0.6 ? 'high' : score >= 0.25 ? 'moderate' : 'low');
  });

  it('plans the weak topic more, in fingerprint-sized sessions, before the deadline', async () => {
    const deadline = new Date(t.clock.now().getTime() + 10 * DAY);
    const plan = await student.post(
      '/api/study-plans/generate',
      {
        documentIds: [documentId],
        topics: ['cell biology'],
        deadline: deadline.toISOString(),
        minutesPerDay: 60,
      },
      201,
    );
    expect(plan.body.topics).toEqual(['cell biology', 'photosynthesis']);
    const fingerprint = await student.get('/api/analytics/fingerprint', 200);
    expect(plan.body.sessionMinutes).toBe(
      Math.round(Math.min(90, Math.max(15, fingerprint.body.sessionLength.medianMinutes))),
    );
    const sessions: {
      endAt: string;
      minutes: number;
      kind: string;
      topics: string[];
      date: string;
    }[] = plan.body.sessions;
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) {
      expect(new Date(s.endAt).getTime()).toBeLessThanOrEqual(deadline.getTime());
      expect(s.minutes).toBeLessThanOrEqual(plan.body.sessionMinutes);
    }
    const practice = (topic: string) =>
      sessions
        .filter((s) => s.kind === 'practice' && s.topics.includes(topic))
        .reduce((m, s) => m + s.minutes, 0);
    expect(practice('cell biology')).toBeGreaterThan(practice('photosynthesis'));
    expect(sessions.at(-1)!.kind).toBe('test');
  });

  it('compares with peers only when there are enough, and with the student’s own past', async () => {
    await practise(t, student, { documentId, questionCount: 6, mode: 'exam', correct: () => true });
    const ranking = await student.get(`/api/comparisons/percentile-ranking/${documentId}`, 200);
    expect(ranking.body).toEqual({
      status: 'not-enough-peers',
      documentId,
      minimum: 5,
      message: expect.stringContaining('Not enough peers'),
    });
    const historical = await student.get('/api/comparisons/historical', 200);
    const mastery = historical.body.metrics.find((m: { metric: string }) => m.metric === 'mastery');
    expect(mastery.current).toEqual(expect.any(Number));
    const thirty = mastery.past.find((p: { days: number }) => p.days === 30);
    expect(thirty.then).toEqual(expect.any(Number));
    expect(thirty.change).toBeCloseTo(mastery.current - thirty.then, 12);
    const ninety = mastery.past.find((p: { days: number }) => p.days === 90);
    expect(ninety).toEqual({ days: 90, then: null, thenAt: null, change: null });

    const trend = await student.get('/api/comparisons/trend?days=35', 200);
    const series = trend.body.series.find((s: { metric: string }) => s.metric === 'mastery');
    expect(series.points.length).toBeGreaterThanOrEqual(5);
    expect(series.direction).toBe('up');
  });
});
