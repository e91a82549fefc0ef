import { tempDataDir } from '../support/content-helpers';
import type { ApiClient } from '../support/api-client';
import { uploadDocument } from '../support/factories/documents';
import { createQuestions } from '../support/factories/questions';
import { DAY, newStudent, practise } from '../support/learning';
import { TestApp } from '../support/test-app';

const START = new Date('2025-01-01T12:00:00.000Z');

describe('Comparisons (e2e)', () => {
  let t: TestApp;
  const data = tempDataDir();

  beforeAll(async () => {
    t = await TestApp.start({ now: START, env: { DATA_DIR: data.dir } });
  });
  afterAll(async () => {
    await t.stop();
    data.remove();
  });

  it('answers "not enough peers" instead of numbers for a cohort below five', async () => {
    const owner = await newStudent(t);
    const documentId = (await uploadDocument(owner, 'water-cycle.txt')).id;
    await createQuestions(owner, 'water cycle', 4, { documentId });

    // The owner, before any test of theirs: no score to rank, but the cohort may be asked about.
    await owner.get(`/api/comparisons/percentile-ranking/${documentId}`, 404);
    await owner.get(`/api/comparisons/peer-comparison/${documentId}`, 404);
    const empty = await owner.get(`/api/comparisons/cohort-stats/${documentId}`, 200);
    expect(empty.body).toEqual({
      status: 'not-enough-peers',
      documentId,
      minimum: 5,
      message:
        'Not enough peers have finished a test on this document to compare (at least 5 are needed).',
    });

    await practise(t, owner, {
      documentId,
      questionCount: 4,
      mode: 'exam',
      correct: (_, i) => i < 3,
    });
    for (const path of ['percentile-ranking', 'peer-comparison', 'cohort-stats']) {
      const response = await owner.get(`/api/comparisons/${path}/${documentId}`, 200);
      expect(response.body).toMatchObject({ status: 'not-enough-peers', minimum: 5 });
      expect(Object.keys(response.body).sort()).toEqual([
        'documentId',
        'message',
        'minimum',
        'status',
      ]);
    }

    // Another student can neither compare on the document nor learn that it exists.
    const stranger = await newStudent(t);
    for (const path of ['percentile-ranking', 'peer-comparison', 'cohort-stats']) {
      await stranger.get(`/api/comparisons/${path}/${documentId}`, 404);
      await stranger.get(`/api/comparisons/${path}/0123456789abcdef01234567`, 404);
    }
  });

  it('ranks students on a published document once five peers have a score, without naming anyone', async () => {
    t.clock.set(START);
    const teacher = t.as(await t.asTeacher());
    const documentId = (await uploadDocument(teacher, 'water-cycle.txt')).id;
    await createQuestions(teacher, 'evaporation', 5, { documentId, offset: 40 });
    await teacher.put(`/api/documents/${documentId}/published`, { published: true }, 200);

    // Six students sit the same exam and get 0, 1, … 5 of 5 right.
    const students: ApiClient[] = [];
    for (let right = 0; right <= 5; right++) {
      const student = await newStudent(t);
      await practise(t, student, {
        documentId,
        questionCount: 5,
        mode: 'exam',
        correct: (_, i) => i < right,
      });
      students.push(student);
    }

    // The student with 3 of 5 (0.6) against the five others [0, 0.2, 0.4, 0.8, 1]: 3 below, none equal.
    const ranking = await students[3].get(`/api/comparisons/percentile-ranking/${documentId}`, 200);
    expect(ranking.body).toMatchObject({ status: 'ok', percentile: 60, peers: 5 });

    // The owner sees the whole cohort: scores 0, 0.2, … 1.
    const cohort = await teacher.get(`/api/comparisons/cohort-stats/${documentId}`, 200);
    expect(cohort.body.status).toBe('ok');
    const stats = cohort.body.statistics;
    expect(stats.count).toBe(6);
    expect(stats.mean).toBeCloseTo(0.5, 12);
    expect(stats.median).toBeCloseTo(0.5, 12);
    expect(stats.q1).toBeCloseTo(0.25, 12); // type 7: 0.2 + 0.25 · 0.2
    expect(stats.q3).toBeCloseTo(0.75, 12);
    expect(stats.standardDeviation).toBeCloseTo(Math.sqrt(0.7 / 5), 12);

    const everything = JSON.stringify([ranking.body, cohort.body]);
    for (const student of students) {
      expect(everything).not.toContain(student.user.id);
      expect(everything).not.toContain(student.user.email);
    }
  });

  it('compares the student with their own past at 30, 60 and 90 days', async () => {
    t.clock.set(START);
    const student = await newStudent(t);
    await createQuestions(student, 'optics', 5, { offset: 20 });
    // A session every ten days for 100 days, one more right answer every other session.
    const scores: { at: number; score: number }[] = [];
    for (let i = 0; i <= 10; i++) {
      t.clock.set(new Date(START.getTime() + i * 10 * DAY));
      const right = Math.min(5, 1 + Math.floor(i / 2));
      await practise(t, student, {
        topics: ['optics'],
        questionCount: 5,
        correct: (_, k) => k < right,
      });
      scores.push({ at: t.clock.now().getTime(), score: right / 5 });
    }
    t.clock.advance(DAY);
    const now = t.clock.now().getTime();
    const historical = await student.get('/api/comparisons/historical', 200);
    const score = historical.body.metrics.find((m: { metric: string }) => m.metric === 'testScore');
    const latestBefore = (ms: number) => scores.filter((s) => s.at <= ms).at(-1)!;
    expect(score.current).toBeCloseTo(1, 12);
    for (const days of [30, 60, 90]) {
      const then = latestBefore(now - days * DAY);
      const past = score.past.find((p: { days: number }) => p.days === days);
      expect(past.then).toBeCloseTo(then.score, 12);
      expect(past.change).toBeCloseTo(1 - then.score, 12);
    }
    const mastery = historical.body.metrics.find((m: { metric: string }) => m.metric === 'mastery');
    for (const past of mastery.past) expect(past.change).toBeGreaterThan(0);

    const trend = await student.get('/api/comparisons/trend?days=90', 200);
    const scoreTrend = trend.body.series.find((s: { metric: string }) => s.metric === 'testScore');
    expect(scoreTrend.points.length).toBe(scores.filter((s) => s.at >= now - 90 * DAY).length);
    expect(scoreTrend.direction).toBe('up');
    expect(scoreTrend.slopePerDay).toBeGreaterThan(0);
    const masteryTrend = trend.body.series.find((s: { metric: string }) => s.metric === 'mastery');
    // Weekly points over 90 days: 13 weeks back plus now.
    expect(masteryTrend.points).toHaveLength(14);
    expect(masteryTrend.direction).toBe('up');
  });

  it('rejects bad input', async () => {
    const student = await newStudent(t);
    await student.get('/api/comparisons/percentile-ranking/xyz', 400);
    await student.get('/api/comparisons/trend?days=5', 400);
    await student.get('/api/comparisons/trend?days=1000', 400);
    await student.get('/api/comparisons/trend?days=ten', 400);
    const fresh = await student.get('/api/comparisons/trend', 200);
    expect(
      fresh.body.series.every((s: { direction: string }) => s.direction === 'insufficient-data'),
    ).toBe(true);
  });
});
