import type { ApiClient } from '../support/api-client';
import type { BankQuestion } from '../support/answer-keys';
import { waterCycleBank } from '../support/factories/questions';
import { TestApp } from '../support/test-app';

const START = new Date('2025-03-03T09:00:00Z');

/** The answer to give each water-cycle question, and the credit it earns under partial scoring. */
const PLAN: { body: object; credit: number; correct: boolean }[] = [
  { body: { choiceIds: ['a'] }, credit: 1, correct: true }, // single choice, right
  { body: { choiceIds: ['a', 'b'] }, credit: 2 / 3, correct: false }, // 2 of 3 right options
  { body: { value: false }, credit: 0, correct: false }, // true/false, wrong
  { body: { text: '  CONDENSATION! ' }, credit: 1, correct: true }, // case, spaces, punctuation
  { body: { text: 'Aquifer' }, credit: 1, correct: true }, // an accepted alternative
  { body: { choiceIds: ['c'] }, credit: 0, correct: false }, // single choice, wrong
];

describe('Sessions (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ now: START });
  });
  afterAll(() => t.stop());

  async function student(): Promise<{ api: ApiClient; documentId: string; bank: BankQuestion[] }> {
    const user = await t.asStudent();
    const { documentId, bank } = await waterCycleBank(t.as(user));
    return { api: t.as(user, bank), documentId, bank };
  }

  describe('a full practice session', () => {
    it('serves each question without its key, gives feedback after each answer, and scores the result', async () => {
      const { api, documentId, bank } = await student();
      const created = await api.post(
        '/api/sessions',
        { documentId, questionCount: 6, mode: 'practice', scoring: 'partial' },
        201,
      );
      expect(created.body).toMatchObject({
        documentId,
        mode: 'practice',
        status: 'active',
        scoring: 'partial',
        questionCount: 6,
        answeredCount: 0,
        score: null,
        timeLimitSeconds: null,
        deadlineAt: null,
      });
      const id = created.body.id;
      await api.get(`/api/sessions/${id}/result`, 409);

      const served: string[] = [];
      for (let i = 0; i < 6; i++) {
        const next = await api.get(`/api/sessions/${id}/next`, 200);
        expect(next.body).toMatchObject({ done: false, answeredCount: i, questionCount: 6 });
        const prompt = next.body.question;
        // Asking again before answering serves the same question.
        expect((await api.get(`/api/sessions/${id}/next`, 200)).body.question).toEqual(prompt);
        const question = bank.find((q) => q.id === prompt.id)!;
        const plan = PLAN[bank.indexOf(question)];
        expect(prompt).toMatchObject({
          version: question.version,
          type: question.type,
          topic: question.topic,
          position: i + 1,
        });
        served.push(prompt.id);

        t.clock.advance(10_000);
        const answer = { questionId: prompt.id, ...plan.body, timeTakenMs: 9_000 };
        const first = await api.post(`/api/sessions/${id}/answers`, answer, 201, {
          question: prompt.id,
        });
        expect(first.body.feedback).toMatchObject({
          correct: plan.correct,
          credit: expect.closeTo(plan.credit, 10),
          correctChoiceIds: question.correctChoiceIds,
          answer: question.answer,
          acceptedAnswers: question.acceptedAnswers,
          explanation: question.explanation,
          citation: { snippet: question.snippet, page: 1 },
        });
        expect(first.body).toMatchObject({
          questionId: prompt.id,
          questionVersion: question.version,
          timeTakenMs: 9_000,
        });

        // Answering again, even differently, returns the first result and records nothing.
        const again = await api.post(
          `/api/sessions/${id}/answers`,
          { questionId: prompt.id, ...OTHER_ANSWER[question.type], timeTakenMs: 1 },
          200,
          { question: prompt.id },
        );
        expect(again.body).toEqual(first.body);
        const replay = await api.post(`/api/sessions/${id}/answers`, answer, 200, {
          question: prompt.id,
        });
        expect(replay.body).toEqual(first.body);
      }
      expect(new Set(served)).toEqual(new Set(bank.map((q) => q.id)));
      const done = await api.get(`/api/sessions/${id}/next`, 200);
      expect(done.body).toEqual({
        done: true,
        question: null,
        answeredCount: 6,
        questionCount: 6,
        remainingMs: null,
      });

      const before = await api.get(`/api/sessions/${id}`, 200);
      expect(before.body).toMatchObject({ status: 'active', answeredCount: 6, score: null });

      t.clock.advance(5_000);
      const finished = await api.post(`/api/sessions/${id}/finish`, {}, 200, 'everything');
      const expectedScore = PLAN.reduce((sum, p) => sum + p.credit, 0) / 6;
      expect(finished.body).toMatchObject({
        score: expect.closeTo(expectedScore, 10),
        questionCount: 6,
        answeredCount: 6,
        correctCount: 3,
        creditSum: expect.closeTo(
          PLAN.reduce((sum, p) => sum + p.credit, 0),
          10,
        ),
        timeUsedMs: 65_000,
        answeringMs: 54_000,
      });
      expect(finished.body.session).toMatchObject({
        id,
        status: 'finished',
        score: expect.closeTo(expectedScore, 10),
      });
      expect(finished.body.byTopic).toEqual([
        { key: 'clouds', questions: 2, answered: 2, correct: 1, credit: 1, score: 0.5 },
        { key: 'evaporation', questions: 2, answered: 2, correct: 1, credit: 1, score: 0.5 },
        {
          key: 'precipitation',
          questions: 2,
          answered: 2,
          correct: 1,
          credit: expect.closeTo(5 / 3, 10),
          score: expect.closeTo(5 / 6, 10),
        },
      ]);
      // Difficulties 0.2 | 0.4, 0.5, 0.6 | 0.8, 0.9 on the easy/medium/hard logit bands.
      expect(finished.body.byDifficulty).toEqual([
        { key: 'easy', questions: 1, answered: 1, correct: 1, credit: 1, score: 1 },
        {
          key: 'medium',
          questions: 3,
          answered: 3,
          correct: 1,
          credit: expect.closeTo(5 / 3, 10),
          score: expect.closeTo(5 / 9, 10),
        },
        { key: 'hard', questions: 2, answered: 2, correct: 1, credit: 1, score: 0.5 },
      ]);
      expect(finished.body.questions.map((q: { questionId: string }) => q.questionId)).toEqual(
        expect.arrayContaining(bank.map((q) => q.id)),
      );
      for (const row of finished.body.questions) {
        const question = bank.find((q) => q.id === row.questionId)!;
        const plan = PLAN[bank.indexOf(question)];
        expect(row).toMatchObject({
          correct: plan.correct,
          credit: expect.closeTo(plan.credit, 10),
          correctChoiceIds: question.correctChoiceIds,
          answer: question.answer,
          explanation: question.explanation,
          citation: { snippet: question.snippet },
          timeTakenMs: 9_000,
        });
        expect(row.given).toMatchObject(
          'text' in plan.body ? { text: (plan.body as { text: string }).text } : {},
        );
      }

      // The result stays the same; no more questions or answers.
      expect((await api.get(`/api/sessions/${id}/result`, 200, 'everything')).body).toEqual(
        finished.body,
      );
      expect((await api.post(`/api/sessions/${id}/finish`, {}, 200, 'everything')).body).toEqual(
        finished.body,
      );
      const late = await api.post(
        `/api/sessions/${id}/answers`,
        { questionId: bank[0].id, choiceIds: ['a'], timeTakenMs: 1 },
        409,
      );
      expect(late.body.message).toBe('The session is finished: no more questions or answers');
      await api.get(`/api/sessions/${id}/next`, 409);

      const list = await api.get('/api/sessions', 200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id, status: 'finished', answeredCount: 6 }),
      ]);
      expect(list.body.next).toBeNull();

      // The question bank counted each first answer once (not the replays) and knows the test used them.
      for (const [index, question] of bank.entries()) {
        const stored = await api.get(`/api/questions/${question.id}`, 200, 'everything');
        expect(stored.body).toMatchObject({
          answerCount: 1,
          correctCount: PLAN[index].correct ? 1 : 0,
          usedInTests: 1,
        });
      }
    });
  });

  describe('an exam with a time limit', () => {
    it('shows the paper without keys, gives no feedback, refuses answers after the limit and scores what was answered', async () => {
      const { api, documentId, bank } = await student();
      const created = await api.post(
        '/api/sessions',
        { documentId, questionCount: 6, mode: 'exam', timeLimitSeconds: 120 },
        201,
      );
      const id = created.body.id;
      expect(created.body).toMatchObject({
        mode: 'exam',
        scoring: 'all-or-nothing',
        timeLimitSeconds: 120,
        remainingMs: 120_000,
      });
      expect(
        new Date(created.body.deadlineAt).getTime() - new Date(created.body.startedAt).getTime(),
      ).toBe(120_000);

      const paper = await api.get(`/api/sessions/${id}/questions`, 200);
      expect(paper.body.questions).toHaveLength(6);
      expect(paper.body.remainingMs).toBe(120_000);
      const byPosition: string[] = paper.body.questions.map((q: { id: string }) => q.id);

      // Answer three, out of order: all-or-nothing turns the 2-of-3 multiple choice into 0.
      const plan = (questionId: string) => PLAN[bank.findIndex((q) => q.id === questionId)];
      for (const questionId of [byPosition[5], byPosition[0], byPosition[3]]) {
        t.clock.advance(20_000);
        const reply = await api.post(
          `/api/sessions/${id}/answers`,
          { questionId, ...plan(questionId).body, timeTakenMs: 20_000 },
          201,
        );
        expect(reply.body.feedback).toBeUndefined();
      }
      const next = await api.get(`/api/sessions/${id}/next`, 200);
      expect(next.body).toMatchObject({ done: false, answeredCount: 3, remainingMs: 60_000 });
      expect(next.body.question.id).toBe(byPosition[1]);
      await api.get(`/api/sessions/${id}/result`, 409);

      // One millisecond before the limit an answer is still taken; at the limit it is refused.
      t.clock.advance(60_000 - 1);
      await api.post(
        `/api/sessions/${id}/answers`,
        { questionId: byPosition[1], ...plan(byPosition[1]).body, timeTakenMs: 5 },
        201,
      );
      t.clock.advance(1);
      const late = await api.post(
        `/api/sessions/${id}/answers`,
        { questionId: byPosition[2], ...plan(byPosition[2]).body, timeTakenMs: 5 },
        409,
      );
      expect(late.body.message).toBe(
        `The time limit of this exam passed at ${created.body.deadlineAt}: no more answers`,
      );
      await api.get(`/api/sessions/${id}/next`, 409);
      await api.get(`/api/sessions/${id}/questions`, 409);

      const session = await api.get(`/api/sessions/${id}`, 200, 'everything');
      expect(session.body).toMatchObject({
        status: 'expired',
        finishedAt: created.body.deadlineAt,
        answeredCount: 4,
        remainingMs: null,
      });

      const result = await api.get(`/api/sessions/${id}/result`, 200, 'everything');
      const answered = [byPosition[5], byPosition[0], byPosition[3], byPosition[1]];
      const expectedCredit = answered.reduce((sum, q) => sum + (plan(q).correct ? 1 : 0), 0);
      expect(result.body).toMatchObject({
        answeredCount: 4,
        questionCount: 6,
        creditSum: expectedCredit,
        score: expect.closeTo(expectedCredit / 6, 10),
        timeUsedMs: 120_000,
      });
      const unanswered = result.body.questions.find(
        (q: { questionId: string }) => q.questionId === byPosition[2],
      );
      expect(unanswered).toMatchObject({
        given: null,
        correct: false,
        credit: 0,
        timeTakenMs: null,
      });
      expect(unanswered.explanation).toBe(bank.find((q) => q.id === byPosition[2])!.explanation);
      // Finishing an expired exam returns the same result.
      expect((await api.post(`/api/sessions/${id}/finish`, {}, 200, 'everything')).body).toEqual(
        result.body,
      );
    });

    it('ends when the student finishes before the limit', async () => {
      const { api, documentId, bank } = await student();
      const created = await api.post(
        '/api/sessions',
        { documentId, questionCount: 2, mode: 'exam', timeLimitSeconds: 600 },
        201,
      );
      const paper = await api.get(`/api/sessions/${created.body.id}/questions`, 200);
      for (const question of paper.body.questions) {
        const index = bank.findIndex((q) => q.id === question.id);
        const right =
          bank[index].type === 'short-answer'
            ? { text: bank[index].answer }
            : { choiceIds: bank[index].correctChoiceIds };
        await api.post(
          `/api/sessions/${created.body.id}/answers`,
          { questionId: question.id, ...right, timeTakenMs: 1000 },
          201,
        );
      }
      t.clock.advance(30_000);
      const result = await api.post(
        `/api/sessions/${created.body.id}/finish`,
        {},
        200,
        'everything',
      );
      expect(result.body).toMatchObject({
        score: 1,
        correctCount: 2,
        questionCount: 2,
        timeUsedMs: 30_000,
      });
      expect(result.body.session.status).toBe('finished');
    });
  });

  describe('ownership and bad input', () => {
    let owner: Awaited<ReturnType<typeof student>>;
    let sessionId: string;
    let presented: string;

    beforeAll(async () => {
      owner = await student();
      const created = await owner.api.post(
        '/api/sessions',
        { documentId: owner.documentId, questionCount: 6, mode: 'practice' },
        201,
      );
      sessionId = created.body.id;
      presented = (await owner.api.get(`/api/sessions/${sessionId}/next`, 200)).body.question.id;
    });

    async function nothingRecorded(): Promise<void> {
      const session = await owner.api.get(`/api/sessions/${sessionId}`, 200);
      expect(session.body).toMatchObject({ status: 'active', answeredCount: 0 });
      expect((await owner.api.get(`/api/sessions/${sessionId}/next`, 200)).body.question.id).toBe(
        presented,
      );
    }

    it('answers 404 to everyone but the owner, whatever the route', async () => {
      const other = t.as(await t.asStudent(), owner.bank);
      await other.get(`/api/sessions/${sessionId}`, 404);
      await other.get(`/api/sessions/${sessionId}/next`, 404);
      await other.get(`/api/sessions/${sessionId}/questions`, 404);
      await other.get(`/api/sessions/${sessionId}/result`, 404);
      await other.post(`/api/sessions/${sessionId}/finish`, {}, 404);
      const answer = await other.post(
        `/api/sessions/${sessionId}/answers`,
        { questionId: presented, choiceIds: ['a'], timeTakenMs: 5 },
        404,
      );
      expect(answer.body.message).toBe('Session not found');
      expect((await other.get('/api/sessions', 200)).body.items).toEqual([]);
      // Nor can another student build a session from the owner's document.
      await other.post(
        '/api/sessions',
        { documentId: owner.documentId, questionCount: 3, mode: 'practice' },
        422,
      );
      await nothingRecorded();
      await t.http().get(`/api/sessions/${sessionId}`).expect(401);
    });

    it('refuses unknown question ids, questions not presented yet and answers of the wrong type', async () => {
      const { api, bank } = owner;
      const path = `/api/sessions/${sessionId}/answers`;
      const unknown = await api.post(
        path,
        { questionId: 'ffffffffffffffffffffffff', choiceIds: ['a'], timeTakenMs: 5 },
        404,
      );
      expect(unknown.body.message).toBe('Question not found');
      await api.post(path, { questionId: 'not-an-id', choiceIds: ['a'], timeTakenMs: 5 }, 400);
      const notYet = bank.find((q) => q.id !== presented)!;
      const early = await api.post(
        path,
        { questionId: notYet.id, choiceIds: ['a'], timeTakenMs: 5 },
        409,
      );
      expect(early.body.message).toMatch(/has not been presented yet/);

      const question = bank.find((q) => q.id === presented)!;
      const wrongField =
        question.type === 'short-answer' ? { choiceIds: ['a'] } : { text: 'a guess' };
      const wrongType = await api.post(
        path,
        { questionId: presented, ...wrongField, timeTakenMs: 5 },
        400,
      );
      expect(wrongType.body.message).toMatch(
        new RegExp(`^Wrong answer type: question ${presented} is ${question.type} and expects`),
      );
      const badJson = await api.post(
        path,
        { questionId: presented, value: 'yes', timeTakenMs: 5 },
        400,
      );
      expect(badJson.body.details).toEqual([
        { field: 'value', message: 'value must be a boolean value' },
      ]);
      await api.post(path, { questionId: presented, timeTakenMs: 5 }, 400);
      await api.post(
        path,
        { questionId: presented, choiceIds: ['a'], text: 'x', timeTakenMs: 5 },
        400,
      );
      await api.post(path, { questionId: presented, choiceIds: ['a'], timeTakenMs: -1 }, 400);
      await api.post(path, { questionId: presented, choiceIds: ['a'] }, 400);
      await api.post(
        path,
        { questionId: presented, choiceIds: ['a'], timeTakenMs: 5, extra: 1 },
        400,
      );
      if (question.type !== 'short-answer') {
        const unknownChoice = await api.post(
          path,
          { questionId: presented, choiceIds: ['z'], timeTakenMs: 5 },
          400,
        );
        expect(unknownChoice.body.message).toMatch(/^Unknown option id "z"/);
      }
      await nothingRecorded();
    });

    it('validates new sessions', async () => {
      const { api, documentId } = owner;
      const bad = [
        { questionCount: 3, mode: 'practice' },
        { documentId, questionCount: 0, mode: 'practice' },
        { documentId, questionCount: 101, mode: 'practice' },
        { documentId, questionCount: 3, mode: 'cram' },
        { documentId, questionCount: 3, mode: 'practice', timeLimitSeconds: 60 },
        { documentId, questionCount: 3, mode: 'exam', timeLimitSeconds: 5 },
        { documentId, questionCount: 3, mode: 'exam', scoring: 'generous' },
        { documentId: 'nope', questionCount: 3, mode: 'exam' },
        { topics: [], questionCount: 3, mode: 'exam' },
        { documentId, questionCount: 3, mode: 'exam', extra: true },
      ];
      for (const body of bad) await api.post('/api/sessions', body, 400);
      const none = await api.post(
        '/api/sessions',
        { topics: ['volcanoes'], questionCount: 3, mode: 'practice' },
        422,
      );
      expect(none.body.message).toBe('No questions of yours match this document and these topics');
      expect((await api.get('/api/sessions', 200)).body.items).toHaveLength(1);
      await api.get('/api/sessions/not-an-id', 400);
      await api.get('/api/sessions/ffffffffffffffffffffffff', 404);
    });
  });

  it('records one answer when the same answer arrives several times at once', async () => {
    const { api, documentId, bank } = await student();
    const id = (
      await api.post('/api/sessions', { documentId, questionCount: 6, mode: 'exam' }, 201)
    ).body.id;
    const question = bank[0];
    const body = {
      questionId: question.id,
      choiceIds: question.correctChoiceIds,
      timeTakenMs: 700,
    };
    const replies = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.http().post(`/api/sessions/${id}/answers`).set('authorization', api.user.auth).send(body),
      ),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    // The others get the stored result, or are told to send again while it is being recorded.
    expect(statuses.every((s) => s === 201 || s === 200 || s === 409)).toBe(true);
    const first = replies.find((r) => r.status === 201)!;
    for (const reply of replies.filter((r) => r.status === 200))
      expect(reply.body).toEqual(first.body);
    for (const reply of replies.filter((r) => r.status === 409))
      expect(reply.body.message).toBe('This answer is being recorded: send it again in a moment');
    expect((await api.post(`/api/sessions/${id}/answers`, body, 200)).body).toEqual(first.body);
    expect((await api.get(`/api/sessions/${id}`, 200)).body.answeredCount).toBe(1);
    const stored = await api.get(`/api/questions/${question.id}`, 200, 'everything');
    expect(stored.body).toMatchObject({ answerCount: 1, correctCount: 1 });
  });

  it('draws by topic and lists the caller’s sessions newest first, page by page', async () => {
    const { api, bank } = await student();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await api.post(
        '/api/sessions',
        { topics: ['clouds'], questionCount: 5, mode: 'practice' },
        201,
      );
      // Only the two "clouds" questions match.
      expect(created.body).toMatchObject({
        questionCount: 2,
        documentId: null,
        topics: ['clouds'],
      });
      ids.push(created.body.id);
    }
    const next = await api.get(`/api/sessions/${ids[0]}/next`, 200);
    expect(bank.find((q) => q.id === next.body.question.id)!.topic).toBe('clouds');
    const first = await api.get('/api/sessions?limit=2', 200);
    expect(first.body.items.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    const second = await api.get(`/api/sessions?limit=2&cursor=${first.body.next}`, 200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], next: null });
    await api.get('/api/sessions?limit=1000', 400);
  });
});

/** A valid answer of each type that differs from the plan's. */
const OTHER_ANSWER: Record<BankQuestion['type'], object> = {
  'single-choice': { choiceIds: ['b'] },
  'multiple-choice': { choiceIds: ['c'] },
  'true-false': { value: true },
  'short-answer': { text: 'something else' },
};
