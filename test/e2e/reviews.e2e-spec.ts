import type { ApiClient } from '../support/api-client';
import { createQuestions, type QuestionRef } from '../support/factories/questions';
import { DAY, HOUR, MINUTE, newStudent, practise } from '../support/learning';
import { ReviewLogRepository } from '../../src/reviews/review-log.repository';
import { TestApp } from '../support/test-app';

const START = new Date('2025-03-03T08:00:00.000Z');

interface Card {
  id: string;
  questionId: string;
  scheduler: string;
  dueAt: string;
  reviews: number;
  lapses: number;
  retrievability: number;
}

describe('Reviews (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ now: START });
  });
  afterAll(() => t.stop());

  async function studentWithMistakes(): Promise<{
    student: ApiClient;
    questions: QuestionRef[];
    sessionId: string;
    wrong: string[];
  }> {
    const student = await newStudent(t);
    const questions = await createQuestions(student, 'photosynthesis', 4);
    const wrongIds = new Set([questions[0].id, questions[2].id]);
    const { sessionId } = await practise(t, student, {
      topics: ['photosynthesis'],
      questionCount: 4,
      correct: (id) => !wrongIds.has(id),
    });
    return { student, questions, sessionId, wrong: [...wrongIds] };
  }

  it('defaults new students to FSRS at the configured retention and validates changes', async () => {
    const student = await newStudent(t);
    const settings = await student.get('/api/reviews/settings', 200);
    expect(settings.body).toEqual({ scheduler: 'fsrs', desiredRetention: 0.9, isDefault: true });

    for (const body of [
      { scheduler: 'leitner' },
      { scheduler: 'fsrs', desiredRetention: 1.2 },
      { scheduler: 'fsrs', desiredRetention: 'high' },
      { scheduler: 'fsrs', extra: true },
    ]) {
      const bad = await student.put('/api/reviews/settings', body, 400);
      expect(bad.body.message).toBe('Validation failed');
    }
    const unchanged = await student.get('/api/reviews/settings', 200);
    expect(unchanged.body.isDefault).toBe(true);

    const saved = await student.put(
      '/api/reviews/settings',
      {
        scheduler: 'fsrs',
        desiredRetention: 0.85,
      },
      200,
    );
    expect(saved.body).toEqual({
      scheduler: 'fsrs',
      desiredRetention: 0.85,
      isDefault: false,
      conversionJobId: null,
    });
  });

  it('makes cards from a session’s mistakes once, and never duplicates a question', async () => {
    const { student, questions, sessionId, wrong } = await studentWithMistakes();
    const first = await student.post(`/api/reviews/from-session/${sessionId}`, {}, 201);
    expect(first.body.created).toBe(2);
    expect(first.body.existing).toBe(0);
    expect(first.body.cards.map((c: Card) => c.questionId).sort()).toEqual([...wrong].sort());
    expect(first.body.cards[0]).toMatchObject({
      topic: 'photosynthesis',
      scheduler: 'fsrs',
      source: 'session-mistake',
      sourceSessionId: sessionId,
      reviews: 0,
      retrievability: 0,
      dueAt: expect.any(String),
    });

    const again = await student.post(`/api/reviews/from-session/${sessionId}`, {}, 201);
    expect(again.body).toMatchObject({ created: 0, existing: 2 });

    // A question of one of the mistakes cannot get a second card by hand either.
    const duplicate = await student.post('/api/reviews/cards', { questionId: wrong[0] }, 409);
    expect(duplicate.body.details.cardId).toBe(
      first.body.cards.find((c: Card) => c.questionId === wrong[0]).id,
    );
    const right = questions.find((q) => !wrong.includes(q.id))!;
    const manual = await student.post('/api/reviews/cards', { questionId: right.id }, 201);
    expect(manual.body).toMatchObject({ questionId: right.id, source: 'manual' });

    const all = await student.get('/api/reviews/cards?limit=10', 200);
    expect(all.body.items).toHaveLength(3);
    expect(all.body.next).toBeNull();
  });

  it('keeps every student’s cards, sessions and questions to themselves', async () => {
    const { student, sessionId } = await studentWithMistakes();
    const { body } = await student.post(`/api/reviews/from-session/${sessionId}`, {}, 201);
    const cardId = body.cards[0].id;
    const other = await newStudent(t);

    await other.post(`/api/reviews/from-session/${sessionId}`, {}, 404);
    await other.get(`/api/reviews/cards/${cardId}`, 404);
    await other.put(
      `/api/reviews/${cardId}/reschedule`,
      {
        dueAt: new Date(t.clock.now().getTime() + DAY).toISOString(),
      },
      404,
    );
    await other.delete(`/api/reviews/cards/${cardId}`, 404);
    await other.post('/api/reviews/cards', { questionId: body.cards[0].questionId }, 404);
    const queue = await other.get('/api/reviews/queue', 200);
    expect(queue.body.items).toEqual([]);
    await other.post('/api/reviews/sessions', {}, 409);

    const sitting = await student.post('/api/reviews/sessions', {}, 201);
    await other.get(`/api/reviews/sessions/${sitting.body.id}`, 404);
    await other.post(
      `/api/reviews/sessions/${sitting.body.id}/reviews/${sitting.body.items[0].reviewId}`,
      { grade: 'good' },
      404,
    );
    await student.get(`/api/reviews/cards/${cardId}`, 200);
  });

  it('answers bad input with a clear 400 and changes nothing', async () => {
    const { student, sessionId } = await studentWithMistakes();
    const { body } = await student.post(`/api/reviews/from-session/${sessionId}`, {}, 201);
    const card: Card = body.cards[0];

    await student.get('/api/reviews/cards/not-an-id', 400);
    await student.post('/api/reviews/from-session/12345', {}, 400);
    await student.post('/api/reviews/cards', { questionId: 'nope' }, 400);
    await student.get('/api/reviews/queue?limit=0', 400);
    await student.get('/api/reviews/queue?limit=101', 400);
    await student.get('/api/reviews/queue?cursor=abc', 400);
    await student.get('/api/reviews/schedule?days=0', 400);
    await student.get('/api/reviews/schedule?days=366', 400);
    await student.post('/api/reviews/sessions', { limit: 0 }, 400);
    await student.post('/api/reviews/sessions', { limit: 'all' }, 400);

    const past = await student.put(
      `/api/reviews/${card.id}/reschedule`,
      {
        dueAt: new Date(t.clock.now().getTime() - HOUR).toISOString(),
      },
      400,
    );
    expect(past.body.message).toBe('dueAt must not be in the past');
    await student.put(`/api/reviews/${card.id}/reschedule`, { dueAt: 'tomorrow' }, 400);
    await student.put(`/api/reviews/${card.id}/reschedule`, { dueAt: '2999-13-40T00:00:00Z' }, 400);

    const sitting = await student.post('/api/reviews/sessions', {}, 201);
    const item = sitting.body.items[0];
    for (const grade of ['meh', 5, null]) {
      await student.post(
        `/api/reviews/sessions/${sitting.body.id}/reviews/${item.reviewId}`,
        {
          grade,
        },
        400,
      );
    }
    await student.post(
      `/api/reviews/sessions/${sitting.body.id}/reviews/${item.reviewId}`,
      {
        grade: 'good',
        responseMs: -1,
      },
      400,
    );

    const after = await student.get(`/api/reviews/cards/${card.id}`, 200);
    expect(after.body).toMatchObject({ dueAt: card.dueAt, reviews: 0 });
    const session = await student.get(`/api/reviews/sessions/${sitting.body.id}`, 200);
    expect(session.body.graded).toBe(0);
  });

  it('lists due cards most overdue first, page by page, and forecasts them per day', async () => {
    const student = await newStudent(t);
    const questions = await createQuestions(student, 'cells', 5);
    const cards: Card[] = [];
    for (const q of questions) {
      cards.push((await student.post('/api/reviews/cards', { questionId: q.id }, 201)).body);
      t.clock.advance(MINUTE);
    }
    // Card 4 moves to tomorrow, card 3 to the day after; the rest stay due (created minutes apart).
    const now = t.clock.now();
    await student.put(
      `/api/reviews/${cards[4].id}/reschedule`,
      {
        dueAt: new Date(now.getTime() + DAY).toISOString(),
      },
      200,
    );
    await student.put(
      `/api/reviews/${cards[3].id}/reschedule`,
      {
        dueAt: new Date(now.getTime() + 2 * DAY).toISOString(),
      },
      200,
    );

    const first = await student.get('/api/reviews/queue?limit=2', 200);
    expect(first.body.items.map((c: Card) => c.id)).toEqual([cards[0].id, cards[1].id]);
    expect(first.body.items[0].overdueDays).toBeGreaterThan(first.body.items[1].overdueDays);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await student.get(`/api/reviews/queue?limit=2&cursor=${first.body.next}`, 200);
    expect(second.body.items.map((c: Card) => c.id)).toEqual([cards[2].id]);
    expect(second.body.next).toBeNull();

    const schedule = await student.get('/api/reviews/schedule?days=4', 200);
    expect(schedule.body).toEqual({
      timeZone: 'UTC',
      overdue: 0,
      days: [
        { date: '2025-03-03', due: 3 },
        { date: '2025-03-04', due: 1 },
        { date: '2025-03-05', due: 1 },
        { date: '2025-03-06', due: 0 },
      ],
      total: 5,
    });

    // A day later what was due today is overdue, and tomorrow's card is in the queue.
    t.clock.advance(DAY + HOUR);
    const later = await student.get('/api/reviews/schedule?days=2', 200);
    expect(later.body.overdue).toBe(3);
    expect(later.body.days).toEqual([
      { date: '2025-03-04', due: 1 },
      { date: '2025-03-05', due: 1 },
    ]);
    const queue = await student.get('/api/reviews/queue', 200);
    expect(queue.body.items).toHaveLength(4);
    expect(queue.body.items[3].id).toBe(cards[4].id);
  });

  it('grades idempotently per review and schedules with FSRS', async () => {
    const { student, sessionId } = await studentWithMistakes();
    await student.post(`/api/reviews/from-session/${sessionId}`, {}, 201);
    const sitting = await student.post('/api/reviews/sessions', { limit: 5 }, 201);
    expect(sitting.body).toMatchObject({ status: 'active', total: 2, graded: 0 });
    const [first, second] = sitting.body.items;
    expect(first.question).toMatchObject({
      stem: expect.any(String),
      back: { correctChoiceIds: ['a'] },
    });

    const path = `/api/reviews/sessions/${sitting.body.id}/reviews/${first.reviewId}`;
    const graded = await student.post(path, { grade: 'good', responseMs: 4000 }, 200);
    expect(graded.body).toMatchObject({
      reviewId: first.reviewId,
      cardId: first.cardId,
      kind: 'review',
      grade: 'good',
      scheduler: 'fsrs',
      retrievabilityBefore: 0,
      drillReviewId: null,
    });
    // A new FSRS card graded Good goes to its 10-minute learning step.
    expect(graded.body.intervalDays * 1440).toBeCloseTo(10, 5);

    const repeated = await student.post(path, { grade: 'good', responseMs: 4000 }, 200);
    expect(repeated.body).toEqual(graded.body);
    const regraded = await student.post(path, { grade: 'easy' }, 409);
    expect(regraded.body.message).toBe('This review was already graded "good"');

    const card = await student.get(`/api/reviews/cards/${first.cardId}`, 200);
    expect(card.body).toMatchObject({ reviews: 1, lapses: 0, dueAt: graded.body.dueAt });

    await student.post(
      `/api/reviews/sessions/${sitting.body.id}/reviews/${second.reviewId}`,
      {
        grade: 'again',
      },
      200,
    );
    const done = await student.get(`/api/reviews/sessions/${sitting.body.id}`, 200);
    expect(done.body).toMatchObject({ status: 'completed', graded: 2, total: 2 });
    const lapsed = await student.get(`/api/reviews/cards/${second.cardId}`, 200);
    expect(lapsed.body).toMatchObject({ reviews: 1, lapses: 1 });

    // Nothing is due until the learning steps come round.
    expect((await student.get('/api/reviews/queue', 200)).body.items).toEqual([]);
    t.clock.advance(11 * MINUTE);
    expect((await student.get('/api/reviews/queue', 200)).body.items).toHaveLength(2);
  });

  it('finishes a grade whose first attempt stopped after writing the log', async () => {
    const { student, sessionId } = await studentWithMistakes();
    await student.post(`/api/reviews/from-session/${sessionId}`, {}, 201);
    const sitting = await student.post('/api/reviews/sessions', {}, 201);
    const [item, other] = sitting.body.items;
    const card = (await student.get(`/api/reviews/cards/${item.cardId}`, 200)).body;
    // The crash: step 1 (the log) is written, the card and the item are not.
    const logs = t.app.get(ReviewLogRepository);
    await logs.insertOnce({
      userId: student.user.id,
      cardId: item.cardId,
      questionId: card.questionId,
      topic: card.topic,
      sessionId: sitting.body.id,
      itemId: item.reviewId,
      kind: 'review',
      scheduler: 'fsrs',
      grade: 3,
      reviewedAt: t.clock.now(),
      elapsedDays: null,
      retrievability: 0,
      responseMs: null,
      cardVersion: 0,
      dueAt: null,
      intervalDays: null,
    });
    expect((await student.get(`/api/reviews/cards/${item.cardId}`, 200)).body.reviews).toBe(0);

    // The retry with another grade than the one logged is refused; the same grade completes it.
    const wrong = await student.post(
      `/api/reviews/sessions/${sitting.body.id}/reviews/${item.reviewId}`,
      { grade: 'easy' },
      409,
    );
    expect(wrong.body.message).toBe('This review was already graded "good"');
    const retried = await student.post(
      `/api/reviews/sessions/${sitting.body.id}/reviews/${item.reviewId}`,
      { grade: 'good' },
      200,
    );
    expect(retried.body).toMatchObject({ grade: 'good', kind: 'review' });
    const after = (await student.get(`/api/reviews/cards/${item.cardId}`, 200)).body;
    expect(after).toMatchObject({ reviews: 1, lapses: 0 });
    // Applied once: grading again changes nothing.
    await student.post(
      `/api/reviews/sessions/${sitting.body.id}/reviews/${item.reviewId}`,
      { grade: 'good' },
      200,
    );
    expect((await student.get(`/api/reviews/cards/${item.cardId}`, 200)).body).toEqual(after);
    const session = await student.get(`/api/reviews/sessions/${sitting.body.id}`, 200);
    expect(
      session.body.items.find((i: { reviewId: string }) => i.reviewId === item.reviewId).status,
    ).toBe('graded');
    expect(
      session.body.items.find((i: { reviewId: string }) => i.reviewId === other.reviewId).status,
    ).toBe('pending');
  });

  it('refuses a review whose card was rescheduled after the sitting began', async () => {
    const { student, sessionId } = await studentWithMistakes();
    await student.post(`/api/reviews/from-session/${sessionId}`, {}, 201);
    const sitting = await student.post('/api/reviews/sessions', {}, 201);
    const item = sitting.body.items[0];
    await student.put(
      `/api/reviews/${item.cardId}/reschedule`,
      {
        dueAt: new Date(t.clock.now().getTime() + 3 * DAY).toISOString(),
      },
      200,
    );
    const stale = await student.post(
      `/api/reviews/sessions/${sitting.body.id}/reviews/${item.reviewId}`,
      { grade: 'good' },
      409,
    );
    expect(stale.body.message).toBe(
      'This card was reviewed or rescheduled after the session started',
    );
    const card = await student.get(`/api/reviews/cards/${item.cardId}`, 200);
    expect(card.body.reviews).toBe(0);
  });

  it('switches to SM-2 by replaying each card’s history, and drills failed items the same day', async () => {
    const { student, sessionId } = await studentWithMistakes();
    const { body } = await student.post(`/api/reviews/from-session/${sessionId}`, {}, 201);
    const cardIds: string[] = body.cards.map((c: Card) => c.id);

    // One FSRS review (Good) for each card, then the switch.
    const sitting = await student.post('/api/reviews/sessions', {}, 201);
    for (const item of sitting.body.items) {
      await student.post(
        `/api/reviews/sessions/${sitting.body.id}/reviews/${item.reviewId}`,
        {
          grade: 'good',
        },
        200,
      );
    }
    const reviewedAt = t.clock.now().getTime();
    const switched = await student.put('/api/reviews/settings', { scheduler: 'sm2' }, 200);
    expect(switched.body).toMatchObject({ scheduler: 'sm2', conversionJobId: expect.any(String) });

    // SM-2 replays the one Good (quality 4): first repetition, due one day after it.
    for (const id of cardIds) {
      const card = await waitFor(async () => {
        const { body: current } = await student.get(`/api/reviews/cards/${id}`, 200);
        return current.scheduler === 'sm2' ? current : undefined;
      });
      expect(new Date(card.dueAt).getTime()).toBe(reviewedAt + DAY);
    }

    t.clock.advance(DAY);
    const next = await student.post('/api/reviews/sessions', {}, 201);
    const [failed] = next.body.items;
    const again = await student.post(
      `/api/reviews/sessions/${next.body.id}/reviews/${failed.reviewId}`,
      { grade: 'again' },
      200,
    );
    expect(again.body).toMatchObject({ scheduler: 'sm2', intervalDays: 1 });
    expect(again.body.drillReviewId).toEqual(expect.any(String));

    const drill = await student.post(
      `/api/reviews/sessions/${next.body.id}/reviews/${again.body.drillReviewId}`,
      { grade: 'good' },
      200,
    );
    expect(drill.body).toMatchObject({ kind: 'drill', dueAt: null, drillReviewId: null });
    // The drill changes nothing: the failed card is still due tomorrow, as a first repetition.
    const card = await student.get(`/api/reviews/cards/${failed.cardId}`, 200);
    expect(card.body).toMatchObject({ dueAt: again.body.dueAt, reviews: 2, lapses: 1 });
    const session = await student.get(`/api/reviews/sessions/${next.body.id}`, 200);
    expect(session.body.items.map((i: { kind: string }) => i.kind)).toEqual([
      'review',
      'review',
      'drill',
    ]);
  });

  it('spaces reviews further apart as a card keeps being recalled over simulated weeks', async () => {
    const student = await newStudent(t);
    const [question] = await createQuestions(student, 'genetics', 1);
    const { body: card } = await student.post(
      '/api/reviews/cards',
      { questionId: question.id },
      201,
    );
    const gaps: number[] = [];
    let last = t.clock.now().getTime();
    for (let day = 0; day < 400 && gaps.length < 5; day++) {
      const queue = await student.get('/api/reviews/queue', 200);
      if (queue.body.items.length === 0) {
        t.clock.advance(DAY);
        continue;
      }
      const sitting = await student.post('/api/reviews/sessions', {}, 201);
      await student.post(
        `/api/reviews/sessions/${sitting.body.id}/reviews/${sitting.body.items[0].reviewId}`,
        { grade: 'good' },
        200,
      );
      const now = t.clock.now().getTime();
      gaps.push((now - last) / DAY);
      last = now;
      const { body: current } = await student.get(`/api/reviews/cards/${card.id}`, 200);
      const dueAt = new Date(current.dueAt).getTime();
      // The forecast counts the card on its due date, and nowhere else.
      const days = Math.ceil((dueAt - now) / DAY) + 1;
      if (days <= 365) {
        const schedule = await student.get(`/api/reviews/schedule?days=${days}`, 200);
        const dueDate = new Date(dueAt).toISOString().slice(0, 10);
        expect(schedule.body.days.filter((d: { due: number }) => d.due > 0)).toEqual([
          { date: dueDate, due: 1 },
        ]);
      }
      // The student comes back a minute after it falls due (at least an hour later).
      t.clock.set(new Date(Math.max(now + HOUR, dueAt + MINUTE)));
    }
    expect(gaps).toHaveLength(5);
    // After the learning step, each interval is longer than the one before.
    const spaced = gaps.slice(2);
    for (let i = 1; i < spaced.length; i++) expect(spaced[i]).toBeGreaterThan(spaced[i - 1] * 1.5);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
