import { tempDataDir } from '../support/content-helpers';
import { createQuestions, waterCycleBank } from '../support/factories/questions';
import { practise } from '../support/learning';
import { LlmStubServer } from '../support/llm-stub-server';
import { TestApp, type SignedIn } from '../support/test-app';

const SUN = 'Energy from the Sun drives the cycle';

/** A student with the water-cycle bank who has answered 6 evaporation questions wrongly, at this pace. */
async function student(t: TestApp, responseMs?: number) {
  const user = await t.asStudent();
  const api = t.as(user);
  const { bank } = await waterCycleBank(api);
  if (responseMs !== undefined) {
    await createQuestions(api, 'evaporation', 6);
    await practise(t, api, {
      topics: ['evaporation'],
      questionCount: 6,
      correct: () => false,
      responseMs,
    });
  }
  // "What drives the water cycle?": a Energy from the Sun (right), b The pull of the Moon, c Wind.
  return { user, question: bank[0] };
}

const personal = (t: TestApp, user: SignedIn, id: string, body: object, status = 200) =>
  t.as(user).post(`/api/questions/${id}/explanation/personal`, body, status);

describe('Personalised explanations, offline (e2e)', () => {
  let t: TestApp;
  const data = tempDataDir();

  beforeAll(async () => {
    t = await TestApp.start({ env: { DATA_DIR: data.dir, LLM_PROVIDER: 'offline' } });
  });
  afterAll(async () => {
    await t.stop();
    data.remove();
  });

  it('contrasts the chosen distractor with the cited passage, cached per bucket', async () => {
    const { user, question } = await student(t);
    const first = await personal(t, user, question.id, { choiceIds: ['b'] });
    expect(first.body).toMatchObject({
      provider: 'offline',
      cached: false,
      profile: { style: 'contrast', misconception: 'chose:b', mastery: null },
    });
    expect(first.body.explanation).toContain('You chose “The pull of the Moon”');
    expect(first.body.explanation).toContain(SUN);
    expect(first.body.citations[0].snippet).toContain(SUN);
    const again = await personal(t, user, question.id, { choiceIds: ['b'] });
    expect(again.body).toMatchObject({ cached: true, explanation: first.body.explanation });
    const other = await personal(t, user, question.id, { choiceIds: ['c'] });
    expect(other.body).toMatchObject({ cached: false, profile: { misconception: 'chose:c' } });
    expect(other.body.explanation).toContain('Wind over the oceans');
    expect(other.body.explanation).not.toContain('Moon');
  });

  it('gives a fast guesser a short hint and a slow, weak student a step-by-step walk', async () => {
    const guesser = await student(t, 2_000);
    const hint = await personal(t, guesser.user, guesser.question.id, { choiceIds: ['b'] });
    expect(hint.body.profile).toMatchObject({ style: 'hint', misconception: 'chose:b' });
    expect(hint.body.profile.mastery).toBeLessThan(0.4);
    expect(hint.body.explanation).toMatch(/^Not “The pull of the Moon”\. Reread “/);
    expect(hint.body.explanation).toContain(SUN);

    const slow = await student(t, 30_000);
    const steps = await personal(t, slow.user, slow.question.id, { choiceIds: ['b'] });
    expect(steps.body.profile).toMatchObject({ style: 'step-by-step' });
    expect(steps.body.explanation).toMatch(
      /^Step 1: the question asks: What drives the water cycle\?/,
    );
    expect(steps.body.explanation).toContain(SUN);
    expect(hint.body.explanation.length).toBeLessThan(steps.body.explanation.length);
  });

  it('refuses right answers, missing answers, bad input and other users’ questions', async () => {
    const { user, question } = await student(t);
    const other = await t.asStudent();
    await personal(t, user, question.id, { choiceIds: ['a'] }, 400);
    await personal(t, user, question.id, {}, 400);
    await personal(t, user, question.id, { choiceIds: ['b'], extra: 1 }, 400);
    await personal(t, user, question.id, { choiceIds: { $ne: 'a' } }, 400);
    await personal(t, other, question.id, { choiceIds: ['b'] }, 404);
  });
});

describe('Personalised explanations through an OpenAI-compatible provider (e2e)', () => {
  let t: TestApp;
  let stub: LlmStubServer;
  const data = tempDataDir();

  beforeAll(async () => {
    stub = await LlmStubServer.start('openai');
    t = await TestApp.start({
      env: {
        DATA_DIR: data.dir,
        LLM_PROVIDER: 'openai',
        LLM_BASE_URL: stub.baseUrl,
        LLM_API_KEY: 'sk-test-personal',
        LLM_MODEL: 'stub-model',
      },
    });
  });
  afterAll(async () => {
    await t.stop();
    await stub.stop();
    data.remove();
  });

  it('tells the model the wrong answer and the style, and caches the reply per bucket', async () => {
    const { user, question } = await student(t);
    const first = await personal(t, user, question.id, { choiceIds: ['b'] });
    expect(first.body).toMatchObject({ provider: 'openai', cached: false });
    expect(first.body.citations).toHaveLength(1);
    const prompt = JSON.stringify(stub.requests.at(-1)!.body);
    expect(prompt).toContain('The student answered wrongly with: \\"The pull of the Moon\\"');
    expect(prompt).toContain('Contrast the student');
    const calls = stub.requests.length;
    await personal(t, user, question.id, { choiceIds: ['b'] });
    expect(stub.requests).toHaveLength(calls);
  });
});
