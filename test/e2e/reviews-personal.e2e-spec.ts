import { ReviewLogRepository, type LogRecord } from '../../src/reviews/review-log.repository';
import type { ApiClient } from '../support/api-client';
import { createQuestions } from '../support/factories/questions';
import { DAY, MINUTE, newStudent, practise, waitFor } from '../support/learning';
import { TestApp } from '../support/test-app';

const START = new Date('2025-03-03T08:00:00.000Z');

interface CardView {
  id: string;
  questionId: string;
  topic: string;
  dueAt: string;
  reviews: number;
  dueReason: string | null;
  examAt: string | null;
}

describe('Reviews that learn the student (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ now: START });
  });
  afterAll(() => t.stop());

  async function cardsFor(student: ApiClient, topic: string, count: number): Promise<CardView[]> {
    const questions = await createQuestions(student, topic, count);
    const cards: CardView[] = [];
    for (const q of questions) {
      cards.push((await student.post('/api/reviews/cards', { questionId: q.id }, 201)).body);
    }
    return cards;
  }

  async function logsOf(userId: string): Promise<LogRecord[]> {
    const logs: LogRecord[] = [];
    for await (const log of t.app.get(ReviewLogRepository).streamOf(userId)) logs.push(log);
    return logs;
  }

  it('fits a student’s parameters from 400 reviews: lower held-out log loss than the defaults', async () => {
    const student = await newStudent(t);
    const cards = await cardsFor(student, 'anatomy', 40);
    const before = await student.get('/api/reviews/parameters', 200);
    expect(before.body).toMatchObject({
      isDefault: true,
      reviewCount: 0,
      minReviews: 400,
      lastFit: null,
    });
    expect(before.body.parameters).toHaveLength(21);
    expect((await student.post('/api/reviews/parameters/optimize', {}, 409)).body.details).toEqual({
      reviewCount: 0,
      minReviews: 400,
    });

    // The student remembers a card for about a day and no longer: recalled when the last review
    // was under 36 hours ago, forgotten after that. The defaults expect 90 % recall at each due date.
    const lastSeen = new Map<string, number>();
    let reviews = 0;
    while (reviews < 400) {
      const started = await student.post('/api/reviews/sessions', { limit: 100 });
      if (started.status === 409) {
        t.clock.advance(DAY);
        continue;
      }
      for (const item of started.body.items as { reviewId: string; cardId: string }[]) {
        if (reviews >= 400) break;
        const now = t.clock.now().getTime();
        const last = lastSeen.get(item.cardId);
        const recalled = last === undefined || now - last < 1.5 * DAY;
        lastSeen.set(item.cardId, now);
        await student.post(
          `/api/reviews/sessions/${started.body.id}/reviews/${item.reviewId}`,
          { grade: recalled ? 'good' : 'again', responseMs: 8_000 },
          200,
        );
        reviews += 1;
        t.clock.advance(10_000);
      }
      t.clock.advance(11 * MINUTE);
    }
    expect(lastSeen.size).toBe(cards.length);

    const requested = await student.post('/api/reviews/parameters/optimize', {}, 202);
    const again = await student.post('/api/reviews/parameters/optimize', {}, 202);
    expect(again.body.jobId).toBe(requested.body.jobId);
    const fitted = await waitFor(async () => {
      const { body } = await student.get('/api/reviews/parameters', 200);
      return body.lastFit?.reviewCount === 400 ? body : undefined;
    }, 60_000);
    expect(fitted).toMatchObject({
      isDefault: false,
      reviewCount: 400,
      fittedAt: expect.any(String),
    });
    expect(fitted.parameters).toHaveLength(21);
    expect(fitted.lastFit.logLossAfter).toBeLessThan(fitted.lastFit.logLossDefaults);

    const reset = await student.delete('/api/reviews/parameters', 200);
    expect(reset.body).toMatchObject({ isDefault: true, lastFit: null, reviewCount: 400 });
  }, 300_000);

  it('counts graded answers of practice sessions as reviews, once per card and day, with their source', async () => {
    const student = await newStudent(t);
    const questions = await createQuestions(student, 'optics', 4);
    const first = await practise(t, student, {
      topics: ['optics'],
      questionCount: 4,
      correct: () => false,
    });
    const made = await student.post(`/api/reviews/from-session/${first.sessionId}`, {}, 201);
    expect(made.body.created).toBe(4);
    // The first practice came before the cards: nothing counted yet.
    expect(await logsOf(student.user.id)).toEqual([]);

    t.clock.advance(DAY);
    const right = new Set([questions[0].id, questions[1].id]);
    const second = await practise(t, student, {
      topics: ['optics'],
      questionCount: 4,
      correct: (id) => right.has(id),
      responseMs: 12_000,
    });
    const logs = await logsOf(student.user.id);
    expect(logs).toHaveLength(4);
    for (const log of logs) {
      expect(log).toMatchObject({
        source: 'answer',
        sessionId: second.sessionId,
        kind: 'review',
        responseMs: 12_000,
      });
      // No earlier graded answers: no median yet, so a right answer is Good, a wrong one Again.
      expect(log.grade).toBe(right.has(log.questionId) ? 3 : 1);
    }
    const cards = (await student.get('/api/reviews/cards?limit=10', 200)).body.items as CardView[];
    expect(cards.map((c) => c.reviews)).toEqual([1, 1, 1, 1]);

    // The same day again: no second review of those cards.
    await practise(t, student, { topics: ['optics'], questionCount: 4, correct: () => true });
    expect(await logsOf(student.user.id)).toHaveLength(4);

    // Next day, fast right answers (under half the 12 s median) count as Easy.
    t.clock.advance(DAY);
    const third = await practise(t, student, {
      topics: ['optics'],
      questionCount: 4,
      correct: () => true,
      responseMs: 3_000,
    });
    const latest = (await logsOf(student.user.id)).filter((l) => l.sessionId === third.sessionId);
    expect(latest.map((l) => l.grade)).toEqual([4, 4, 4, 4]);
  }, 120_000);

  it('pulls due dates in before an exam, says why in the queue, and validates exam dates', async () => {
    const student = await newStudent(t);
    const [card] = await cardsFor(student, 'genetics', 1);
    const other = await newStudent(t);
    const foreignDoc = '64b7f0a1c2d3e4f5a6b7c8d9';
    // Easy reviews until the interval is long.
    let dueAt = new Date(card.dueAt);
    for (let i = 0; i < 3; i++) {
      if (dueAt > t.clock.now()) t.clock.set(dueAt);
      const sitting = await student.post('/api/reviews/sessions', {}, 201);
      const graded = await student.post(
        `/api/reviews/sessions/${sitting.body.id}/reviews/${sitting.body.items[0].reviewId}`,
        { grade: 'easy' },
        200,
      );
      dueAt = new Date(graded.body.dueAt);
    }
    const now = t.clock.now();
    const daysAhead = (dueAt.getTime() - now.getTime()) / DAY;
    expect(daysAhead).toBeGreaterThan(40);

    for (const body of [
      { examAt: new Date(now.getTime() + 10 * DAY).toISOString() },
      {
        topic: 'genetics',
        documentId: foreignDoc,
        examAt: new Date(now.getTime() + DAY).toISOString(),
      },
      { topic: 'genetics', examAt: new Date(now.getTime() - DAY).toISOString() },
      { topic: 'genetics', examAt: 'soon' },
      { topic: { $gt: '' }, examAt: new Date(now.getTime() + DAY).toISOString() },
      { topic: 'genetics', examAt: new Date(now.getTime() + 900 * DAY).toISOString() },
      { topic: 'genetics', examAt: new Date(now.getTime() + DAY).toISOString(), targetRecall: 1 },
    ]) {
      await student.post('/api/reviews/exams', body, 400);
    }
    await student.post(
      '/api/reviews/exams',
      { documentId: foreignDoc, examAt: new Date(now.getTime() + 10 * DAY).toISOString() },
      404,
    );

    const examAt = new Date(now.getTime() + Math.floor(daysAhead * 0.8) * DAY);
    // At the student's 0.9 target nothing moves: recall before the due date is above 0.9.
    const plain = await student.post(
      '/api/reviews/exams',
      { topic: 'genetics', examAt: examAt.toISOString() },
      201,
    );
    expect(plain.body).toMatchObject({ pulledIn: 0, targetRecall: null });
    await student.delete(`/api/reviews/exams/${plain.body.id}`, 204);
    // 97 % wanted on the exam day: the card is reviewed before it.
    const exam = await student.post(
      '/api/reviews/exams',
      { topic: 'genetics', examAt: examAt.toISOString(), targetRecall: 0.97 },
      201,
    );
    expect(exam.body).toMatchObject({
      topics: ['genetics'],
      documentId: null,
      source: 'manual',
      pulledIn: 1,
    });
    const moved = (await student.get(`/api/reviews/cards/${card.id}`, 200)).body as CardView;
    expect(new Date(moved.dueAt).getTime()).toBeLessThan(examAt.getTime());
    expect(moved).toMatchObject({ dueReason: 'exam', examAt: examAt.toISOString() });
    expect((await student.get('/api/reviews/exams', 200)).body.items).toHaveLength(1);
    expect((await other.get('/api/reviews/exams', 200)).body.items).toEqual([]);
    await other.delete(`/api/reviews/exams/${exam.body.id}`, 404);

    t.clock.set(new Date(moved.dueAt));
    const queue = await student.get('/api/reviews/queue', 200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({ id: card.id, dueReason: 'exam', examAt: examAt.toISOString() }),
    ]);

    // Reviewed before the exam, the next due date is planned around it again.
    const sitting = await student.post('/api/reviews/sessions', {}, 201);
    const graded = await student.post(
      `/api/reviews/sessions/${sitting.body.id}/reviews/${sitting.body.items[0].reviewId}`,
      { grade: 'good' },
      200,
    );
    const after = (await student.get(`/api/reviews/cards/${card.id}`, 200)).body as CardView;
    expect(after.dueAt).toBe(graded.body.dueAt);
    if (after.dueReason === 'exam')
      expect(new Date(after.dueAt).getTime()).toBeLessThan(examAt.getTime());
    await student.delete(`/api/reviews/exams/${exam.body.id}`, 204);

    // A study plan's deadline becomes an exam date for its topics.
    const deadline = new Date(t.clock.now().getTime() + 14 * DAY);
    const plan = await student.post(
      '/api/study-plans/generate',
      { topics: ['genetics'], deadline: deadline.toISOString(), minutesPerDay: 30 },
      201,
    );
    expect((await student.get('/api/reviews/exams', 200)).body.items).toEqual([
      expect.objectContaining({
        topics: ['genetics'],
        source: 'study-plan',
        planId: plan.body.id,
        examAt: deadline.toISOString(),
      }),
    ]);
  }, 120_000);

  it('spreads cards reviewed together over the days of their fuzz range, lighter on easy days', async () => {
    const student = await newStudent(t);
    const cards = await cardsFor(student, 'chemistry', 30);
    const gradeAll = async (grade: string) => {
      const sitting = await student.post('/api/reviews/sessions', { limit: 100 }, 201);
      const dues: string[] = [];
      for (const item of sitting.body.items as { reviewId: string }[]) {
        const r = await student.post(
          `/api/reviews/sessions/${sitting.body.id}/reviews/${item.reviewId}`,
          { grade },
          200,
        );
        dues.push(r.body.dueAt);
      }
      return dues;
    };
    await gradeAll('easy');
    t.clock.advance(12 * DAY);
    // Every day but Wednesday is an easy day (the student's time zone is UTC).
    await student.put(
      '/api/reviews/settings',
      { scheduler: 'fsrs', easyDays: [0, 1, 2, 4, 5, 6] },
      200,
    );
    const dues = await gradeAll('good');
    expect(dues).toHaveLength(cards.length);
    const days = new Set(dues.map((d) => d.slice(0, 10)));
    // Without balancing all 30 would share one due date.
    expect(days.size).toBeGreaterThan(2);
    const schedule = await student.get('/api/reviews/schedule?days=60', 200);
    const busy = (schedule.body.days as { date: string; due: number }[]).filter((d) => d.due > 0);
    expect(busy.length).toBe(days.size);
    const busiest = busy.reduce((a, b) => (b.due > a.due ? b : a));
    expect(busiest.due).toBeLessThan(cards.length);
    // Balanced loads weigh 1/(due + 1)², and easy days a tenth of that: Wednesday takes the most.
    expect(new Date(`${busiest.date}T12:00:00Z`).getUTCDay()).toBe(3);
  }, 120_000);
});
