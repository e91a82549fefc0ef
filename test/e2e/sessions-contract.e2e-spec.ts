import { NotFoundError } from '../../src/common/errors';
import type { AnswerRecord } from '../../src/sessions/session.types';
import { SessionHistoryService } from '../../src/sessions/session-history.service';
import type { ApiClient } from '../support/api-client';
import type { BankQuestion } from '../support/answer-keys';
import { waterCycleBank } from '../support/factories/questions';
import { TestApp } from '../support/test-app';

const START = new Date('2025-03-06T07:00:00Z');

/** The SessionHistoryService contract other modules code against, over sessions run through HTTP. */
describe('SessionHistoryService contract (e2e)', () => {
  let t: TestApp;
  let sessions: SessionHistoryService;

  beforeAll(async () => {
    t = await TestApp.start({ now: START });
    sessions = t.app.get(SessionHistoryService);
  });
  afterAll(() => t.stop());

  /** Answers every question of a new session: right when `right(question)`, else wrong. */
  async function sit(
    api: ApiClient,
    body: object,
    right: (q: BankQuestion) => boolean,
    stepMs = 10_000,
  ): Promise<string> {
    const id = (await api.post('/api/sessions', body, 201)).body.id;
    for (;;) {
      const next = await api.get(`/api/sessions/${id}/next`, 200);
      if (next.body.done) break;
      const q = api.bank.find((b) => b.id === next.body.question.id)!;
      const answer =
        q.type === 'short-answer'
          ? { text: right(q) ? q.answer : 'no idea' }
          : q.type === 'multiple-choice'
            ? { choiceIds: right(q) ? q.correctChoiceIds : ['a'] }
            : {
                choiceIds: right(q)
                  ? q.correctChoiceIds
                  : [q.correctChoiceIds[0] === 'a' ? 'b' : 'a'],
              };
      t.clock.advance(stepMs);
      await api.post(
        `/api/sessions/${id}/answers`,
        { questionId: q.id, ...answer, timeTakenMs: stepMs - 1000 },
        201,
        { question: q.id },
      );
    }
    return id;
  }

  async function collect(iterable: AsyncIterable<AnswerRecord>): Promise<AnswerRecord[]> {
    const out: AnswerRecord[] = [];
    for await (const record of iterable) out.push(record);
    return out;
  }

  it('streams answers in time order, filtered by period and topic', async () => {
    const user = await t.asStudent();
    const { documentId, bank } = await waterCycleBank(t.as(user));
    const api = t.as(user, bank);
    const first = await sit(
      api,
      { documentId, questionCount: 6, mode: 'practice', scoring: 'partial' },
      (q) => q.difficulty < 0.5,
    );
    const second = await sit(
      api,
      { topics: ['clouds'], questionCount: 2, mode: 'exam' },
      () => true,
    );

    const all = await collect(sessions.streamAnswers(user.id));
    expect(all).toHaveLength(8);
    expect(all.map((a) => a.answeredAt.getTime())).toEqual(
      [...all.map((a) => a.answeredAt.getTime())].sort((a, b) => a - b),
    );
    expect(all.slice(0, 6).every((a) => a.sessionId === first)).toBe(true);
    expect(all.slice(6).every((a) => a.sessionId === second)).toBe(true);
    const sample = all.find(
      (a) =>
        a.topic === 'precipitation' &&
        bank.find((q) => q.id === a.questionId)!.type === 'multiple-choice',
    )!;
    expect(sample).toEqual({
      sessionId: first,
      questionId: sample.questionId,
      questionVersion: 1,
      documentId,
      topic: 'precipitation',
      difficulty: 0.5,
      correct: false,
      credit: 1 / 3,
      responseMs: 9_000,
      answeredAt: expect.any(Date),
    });

    const since = all[2].answeredAt;
    const until = all[5].answeredAt;
    const window = await collect(sessions.streamAnswers(user.id, { since, until }));
    expect(window.map((a) => a.questionId)).toEqual(all.slice(2, 5).map((a) => a.questionId));
    const clouds = await collect(sessions.streamAnswers(user.id, { topic: 'clouds' }));
    expect(clouds).toHaveLength(4);
    expect(clouds.every((a) => a.topic === 'clouds')).toBe(true);
    expect(await collect(sessions.streamAnswers((await t.asStudent()).id))).toEqual([]);

    // Mistakes: wrong or partly wrong answers of that session only, and only for its owner.
    const mistakes = await sessions.mistakesOf(user.id, first);
    expect(mistakes).toHaveLength(4); // difficulty 0.5, 0.6, 0.8 and 0.9
    expect(new Set(mistakes.map((m) => m.topic))).toEqual(new Set(['precipitation', 'clouds']));
    expect(mistakes.every((m) => m.questionVersion === 1)).toBe(true);
    expect(await sessions.mistakesOf(user.id, second)).toEqual([]);
    await expect(sessions.mistakesOf((await t.asStudent()).id, first)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(sessions.mistakesOf(user.id, 'ffffffffffffffffffffffff')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('lists sessions with live counts, expires overdue exams, and gives cohort scores of ended sessions', async () => {
    const alice = await t.asStudent();
    const aliceBank = await waterCycleBank(t.as(alice));
    const aliceApi = t.as(alice, aliceBank.bank);
    const startedAt = t.clock.now();
    const finished = await sit(
      aliceApi,
      { documentId: aliceBank.documentId, questionCount: 2, mode: 'practice' },
      () => true,
    );
    await aliceApi.post(`/api/sessions/${finished}/finish`, {}, 200, 'everything');
    const exam = (
      await aliceApi.post(
        '/api/sessions',
        { documentId: aliceBank.documentId, questionCount: 3, mode: 'exam', timeLimitSeconds: 60 },
        201,
      )
    ).body.id;
    const paper = await aliceApi.get(`/api/sessions/${exam}/questions`, 200);
    const q = aliceApi.bank.find((b) => b.id === paper.body.questions[0].id)!;
    const right =
      q.type === 'short-answer' ? { text: q.answer } : { choiceIds: q.correctChoiceIds };
    await aliceApi.post(
      `/api/sessions/${exam}/answers`,
      { questionId: q.id, ...right, timeTakenMs: 1000 },
      201,
    );

    const listed = await sessions.listSessionsOf(alice.id);
    expect(listed).toEqual([
      expect.objectContaining({
        id: finished,
        documentId: aliceBank.documentId,
        mode: 'practice',
        status: 'finished',
        questionCount: 2,
        answeredCount: 2,
        score: 1,
      }),
      expect.objectContaining({
        id: exam,
        mode: 'exam',
        status: 'active',
        questionCount: 3,
        answeredCount: 1,
        score: null,
        finishedAt: null,
      }),
    ]);
    expect(listed[0].startedAt).toEqual(startedAt);
    expect(
      await sessions.listSessionsOf(alice.id, { since: new Date(startedAt.getTime() + 1) }),
    ).toEqual([listed[1]]);
    expect(await sessions.scoresOnDocument(aliceBank.documentId)).toEqual([
      { userId: alice.id, score: 1, finishedAt: listed[0].finishedAt },
    ]);

    // The exam's limit passes without anyone touching it: reading expires it and scores it.
    t.clock.advance(61_000);
    const [, expired] = await sessions.listSessionsOf(alice.id);
    expect(expired).toMatchObject({ id: exam, status: 'expired', answeredCount: 1, score: 1 / 3 });
    expect(expired.finishedAt).toEqual(new Date(expired.startedAt.getTime() + 60_000));
    const scores = await sessions.scoresOnDocument(aliceBank.documentId);
    expect(scores.map((s) => s.score)).toEqual([1, 1 / 3]);
    expect(await sessions.scoresOnDocument('ffffffffffffffffffffffff')).toEqual([]);
  });
});
