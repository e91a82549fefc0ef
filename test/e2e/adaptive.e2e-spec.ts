import { fractionToLogit, updateAbility } from '../../src/common/stats';
import { pickAdaptiveQuestion } from '../../src/sessions/adaptive-selection';
import { SessionHistoryService } from '../../src/sessions/session-history.service';
import type { ApiClient } from '../support/api-client';
import type { BankQuestion } from '../support/answer-keys';
import { createQuestion } from '../support/factories/questions';
import { TestApp } from '../support/test-app';

/** 19 single-choice questions, difficulty 0.05 … 0.95 (option a is right). */
const DIFFICULTIES = Array.from(
  { length: 19 },
  (_, i) => Math.round((0.05 + i * 0.05) * 100) / 100,
);
const ROUNDS = 8;

type Behaviour = (difficulty: number) => boolean;
const strong: Behaviour = () => true;
const weak: Behaviour = () => false;
const middling: Behaviour = (difficulty) => difficulty < 0.5;

/**
 * The model's own prediction of the session (Rasch + Elo from the published definition, via the
 * pure functions): the questions served and the final θ, for a student who answers as `behaves`.
 */
function predict(
  bank: BankQuestion[],
  behaves: Behaviour,
  target = 0.7,
  rounds = ROUNDS,
): { served: string[]; theta: number } {
  const pool = bank.map((q) => ({
    id: q.id,
    topic: q.topic,
    difficulty: fractionToLogit(q.difficulty),
    answers: 0,
    answered: false,
    fraction: q.difficulty,
  }));
  let student = { theta: 0, answers: 0 };
  const served: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const next = pickAdaptiveQuestion(pool, () => student.theta, target)!;
    served.push(next.id);
    const step = updateAbility(student, next, behaves(next.fraction) ? 1 : 0);
    student = step.student;
    Object.assign(next, step.item, { answered: true });
  }
  return { served, theta: student.theta };
}

describe('Adaptive sessions (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ now: new Date('2025-03-04T08:00:00Z') });
  });
  afterAll(() => t.stop());

  async function learner(): Promise<ApiClient> {
    const user = await t.asStudent();
    const bank: BankQuestion[] = [];
    for (const [i, difficulty] of DIFFICULTIES.entries()) {
      bank.push(
        await createQuestion(t.as(user), {
          type: 'single-choice',
          stem: `Plate tectonics question number ${i + 1}`,
          choices: [
            { id: 'a', text: `Right option ${i + 1}` },
            { id: 'b', text: `Wrong option ${i + 1}` },
          ],
          correctChoiceIds: ['a'],
          answer: null,
          acceptedAnswers: [],
          topic: 'plate tectonics',
          difficulty,
          explanation: `Explanation number ${i + 1} of the plates.`,
          snippet: null,
        }),
      );
    }
    return t.as(user, bank);
  }

  /** Runs an adaptive session over HTTP; returns the difficulties served and the result. */
  async function run(api: ApiClient, behaves: Behaviour) {
    const created = await api.post(
      '/api/sessions',
      { topics: ['plate tectonics'], questionCount: ROUNDS, mode: 'adaptive' },
      201,
    );
    expect(created.body).toMatchObject({
      mode: 'adaptive',
      questionCount: ROUNDS,
      topics: ['plate tectonics'],
    });
    const id = created.body.id;
    const served: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const next = await api.get(`/api/sessions/${id}/next`, 200);
      const questionId = next.body.question.id;
      served.push(questionId);
      const question = api.bank.find((q) => q.id === questionId)!;
      const right = behaves(question.difficulty);
      t.clock.advance(15_000);
      const reply = await api.post(
        `/api/sessions/${id}/answers`,
        { questionId, choiceIds: [right ? 'a' : 'b'], timeTakenMs: 14_000 },
        201,
        { question: questionId },
      );
      // Adaptive sessions give feedback like practice.
      expect(reply.body.feedback).toMatchObject({
        correct: right,
        correctChoiceIds: ['a'],
        explanation: question.explanation,
      });
    }
    expect((await api.get(`/api/sessions/${id}/next`, 200)).body).toMatchObject({
      done: true,
      question: null,
    });
    const result = await api.post(`/api/sessions/${id}/finish`, {}, 200, 'everything');
    const difficulties = served.map((sid) => api.bank.find((q) => q.id === sid)!.difficulty);
    return { id, served, difficulties, result: result.body };
  }

  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

  it('serves a strong student harder questions than a weak one, exactly as the Rasch/Elo model predicts', async () => {
    const strongApi = await learner();
    const weakApi = await learner();
    const strongRun = await run(strongApi, strong);
    const weakRun = await run(weakApi, weak);

    // θ = 0 at first: the best question has b = −ln(0.7/0.3) = −0.847, i.e. difficulty 0.30, for both.
    expect(strongRun.difficulties[0]).toBe(0.3);
    expect(weakRun.difficulties[0]).toBe(0.3);
    expect(strongRun.served).toEqual(predict(strongApi.bank, strong).served);
    expect(weakRun.served).toEqual(predict(weakApi.bank, weak).served);
    // The strong student climbs (0.30 → 0.70); the weak one descends to the easiest questions, then
    // gets the easiest ones left (0.30 → 0.05 → 0.40).
    expect(strongRun.difficulties).toEqual([0.3, 0.35, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]);
    expect(weakRun.difficulties).toEqual([0.3, 0.2, 0.1, 0.05, 0.15, 0.25, 0.35, 0.4]);
    expect(mean(strongRun.difficulties) - mean(weakRun.difficulties)).toBeGreaterThan(0.25);
    for (let i = 1; i < ROUNDS; i++)
      expect(strongRun.difficulties[i]).toBeGreaterThan(weakRun.difficulties[i]);

    expect(strongRun.result).toMatchObject({
      score: 1,
      correctCount: ROUNDS,
      answeredCount: ROUNDS,
    });
    expect(weakRun.result).toMatchObject({ score: 0, correctCount: 0, answeredCount: ROUNDS });
    // The result lists the questions asked, never the rest of the pool.
    expect(strongRun.result.questions.map((q: { questionId: string }) => q.questionId)).toEqual(
      strongRun.served,
    );
    const levels = (r: { byDifficulty: { key: string; questions: number }[] }) =>
      Object.fromEntries(r.byDifficulty.map((b) => [b.key, b.questions]));
    expect(levels(strongRun.result).hard ?? 0).toBeGreaterThan(levels(weakRun.result).hard ?? 0);
    expect(levels(weakRun.result).easy ?? 0).toBeGreaterThan(levels(strongRun.result).easy ?? 0);

    // The ability estimate is the model's, and the contract reads it.
    const sessions = t.app.get(SessionHistoryService);
    const strongTheta = await sessions.abilityOf(strongApi.user.id, 'plate tectonics');
    expect(strongTheta.answers).toBe(ROUNDS);
    expect(strongTheta.theta).toBeCloseTo(predict(strongApi.bank, strong).theta, 10);
    expect((await sessions.abilityOf(weakApi.user.id, 'plate tectonics')).theta).toBeCloseTo(
      predict(weakApi.bank, weak).theta,
      10,
    );
    expect(await sessions.abilityOf(weakApi.user.id, 'volcanoes')).toEqual({
      theta: 0,
      answers: 0,
    });
  });

  it('settles a middling student around the difficulty they can manage and scores them in between', async () => {
    const api = await learner();
    const outcome = await run(api, middling);
    expect(outcome.served).toEqual(predict(api.bank, middling).served);
    const correct = outcome.difficulties.filter(middling).length;
    expect(correct).toBeGreaterThan(0);
    expect(correct).toBeLessThan(ROUNDS);
    expect(outcome.result).toMatchObject({ correctCount: correct, score: correct / ROUNDS });
  });

  it('keeps serving the presented question until it is answered, and refuses others of the pool', async () => {
    const api = await learner();
    const created = await api.post(
      '/api/sessions',
      { topics: ['plate tectonics'], questionCount: 3, mode: 'adaptive' },
      201,
    );
    const id = created.body.id;
    const [a, b] = await Promise.all([
      api.get(`/api/sessions/${id}/next`, 200),
      api.get(`/api/sessions/${id}/next`, 200),
    ]);
    expect(a.body.question.id).toBe(b.body.question.id);
    const other = api.bank.find((q) => q.id !== a.body.question.id)!;
    const refused = await api.post(
      `/api/sessions/${id}/answers`,
      { questionId: other.id, choiceIds: ['a'], timeTakenMs: 5 },
      409,
    );
    expect(refused.body.message).toMatch(/has not been presented yet/);
    // Ending early: the score counts the unasked questions as 0.
    await api.post(
      `/api/sessions/${id}/answers`,
      { questionId: a.body.question.id, choiceIds: ['a'], timeTakenMs: 5 },
      201,
      {
        question: a.body.question.id,
      },
    );
    const result = await api.post(`/api/sessions/${id}/finish`, {}, 200, 'everything');
    expect(result.body).toMatchObject({ score: 1 / 3, answeredCount: 1, questionCount: 3 });
    expect(result.body.questions).toHaveLength(1);
  });
});

describe('Adaptive sessions with ADAPTIVE_TARGET_SUCCESS=0.5 (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ env: { ADAPTIVE_TARGET_SUCCESS: '0.5' } });
  });
  afterAll(() => t.stop());

  it('aims at the configured success chance: at θ = 0 the first question has b = 0 (difficulty 0.5)', async () => {
    const user = await t.asStudent();
    const bank: BankQuestion[] = [];
    for (const [i, difficulty] of [0.2, 0.3, 0.5, 0.7, 0.8].entries()) {
      bank.push(
        await createQuestion(t.as(user), {
          type: 'true-false',
          stem: `Statement number ${i + 1} about the plates`,
          choices: [
            { id: 'a', text: 'True' },
            { id: 'b', text: 'False' },
          ],
          correctChoiceIds: ['a'],
          answer: null,
          acceptedAnswers: [],
          topic: 'plates',
          difficulty,
          explanation: `Statement ${i + 1} holds.`,
          snippet: null,
        }),
      );
    }
    const api = t.as(user, bank);
    const created = await api.post(
      '/api/sessions',
      { topics: ['plates'], questionCount: 3, mode: 'adaptive' },
      201,
    );
    const served: number[] = [];
    const servedIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const next = await api.get(`/api/sessions/${created.body.id}/next`, 200);
      const question = bank.find((q) => q.id === next.body.question.id)!;
      served.push(question.difficulty);
      servedIds.push(question.id);
      await api.post(
        `/api/sessions/${created.body.id}/answers`,
        { questionId: question.id, value: true, timeTakenMs: 3000 },
        201,
        {
          question: question.id,
        },
      );
    }
    expect(served[0]).toBe(0.5);
    expect(servedIds).toEqual(predict(bank, () => true, 0.5, 3).served);
  });
});
