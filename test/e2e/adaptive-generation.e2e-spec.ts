import { tempDataDir, waitForJob } from '../support/content-helpers';
import { uploadDocument } from '../support/factories/documents';
import { createQuestions } from '../support/factories/questions';
import { practise } from '../support/learning';
import { TestApp, type SignedIn } from '../support/test-app';

interface Plan {
  topic: string;
  count: number;
  targetDifficulty: { logit: number; fraction: number; level: string };
  estimate: { theta: number; answers: number; mastery: number | null; strength: number };
}
interface Job {
  status: string;
  questionIds: string[];
  adaptive: { plan: Plan[]; reasons: { questionId: string; topic: string }[] } | null;
}
interface Question {
  id: string;
  stem: string;
  topic: string;
  difficulty: number;
}

const FIXTURE = 'plate-tectonics.pdf';

describe('Adaptive generation (e2e)', () => {
  let t: TestApp;
  const data = tempDataDir();

  beforeAll(async () => {
    t = await TestApp.start({ env: { DATA_DIR: data.dir, LLM_PROVIDER: 'offline' } });
  });
  afterAll(async () => {
    await t.stop();
    data.remove();
  });

  /** A student with the document who has answered 8 questions on its first topic, all right or all wrong. */
  async function student(right: boolean) {
    const user = await t.asStudent();
    const api = t.as(user);
    const doc = await uploadDocument(api, FIXTURE);
    const topic: string = doc.topics[0];
    await createQuestions(api, topic, 8, { documentId: doc.id });
    await practise(t, api, { topics: [topic], questionCount: 8, correct: () => right });
    return { user, doc, topic };
  }

  async function adaptive(user: SignedIn, body: Record<string, unknown>): Promise<Job> {
    const queued = await t.as(user).post('/api/generation/adaptive', body, 202);
    expect(queued.body.adaptive.plan.length).toBeGreaterThan(0);
    const job = (await waitForJob(t, user.auth, queued.body.id)) as unknown as Job;
    expect(job.status).toBe('succeeded');
    return job;
  }

  async function questions(user: SignedIn, ids: string[]): Promise<Question[]> {
    return Promise.all(
      ids.map(async (id) => (await t.as(user).get(`/api/questions/${id}`, 200)).body),
    );
  }

  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

  it('asks for the weak topic first, and for easier questions than a strong student gets', async () => {
    const weak = await student(false);
    const strong = await student(true);

    const weakAll = await adaptive(weak.user, { documentId: weak.doc.id, count: 4 });
    expect(weakAll.adaptive!.plan[0].topic).toBe(weak.topic);
    expect(weakAll.adaptive!.plan[0].estimate.mastery).toBeLessThan(0.5);
    expect(weakAll.adaptive!.plan[0].estimate.theta).toBeLessThan(0);
    const strongAll = await adaptive(strong.user, { documentId: strong.doc.id, count: 4 });
    expect(strongAll.adaptive!.plan[0].topic).not.toBe(strong.topic);
    const weakFirst = await questions(weak.user, weakAll.questionIds);
    expect(weakFirst.some((q) => q.topic === weak.topic)).toBe(true);
    // Every stored question carries its reason.
    expect(weakAll.adaptive!.reasons.map((r) => r.questionId).sort()).toEqual(
      [...weakAll.questionIds].sort(),
    );

    const onTopic = { count: 3, types: ['single-choice', 'true-false', 'short-answer'] };
    const weakJob = await adaptive(weak.user, {
      ...onTopic,
      documentId: weak.doc.id,
      topics: [weak.topic],
    });
    const strongJob = await adaptive(strong.user, {
      ...onTopic,
      documentId: strong.doc.id,
      topics: [strong.topic],
    });
    const weakPlan = weakJob.adaptive!.plan[0];
    const strongPlan = strongJob.adaptive!.plan[0];
    expect(weakPlan.topic).toBe(weak.topic);
    expect(weakPlan.targetDifficulty.logit).toBeLessThan(strongPlan.targetDifficulty.logit);
    expect(weakPlan.targetDifficulty.level).toBe('easy');
    expect(strongPlan.targetDifficulty.level).toBe('hard');
    const weakQuestions = await questions(weak.user, weakJob.questionIds);
    const strongQuestions = await questions(strong.user, strongJob.questionIds);
    expect(weakQuestions.length).toBeGreaterThan(0);
    expect(strongQuestions.length).toBeGreaterThan(0);
    expect(weakQuestions.every((q) => q.topic === weak.topic)).toBe(true);
    expect(mean(weakQuestions.map((q) => q.difficulty))).toBeLessThan(
      mean(strongQuestions.map((q) => q.difficulty)),
    );
    // Nothing asked twice: the second job repeats no stem of the first.
    const firstStems = new Set(weakFirst.map((q) => q.stem));
    expect(weakQuestions.filter((q) => firstStems.has(q.stem))).toEqual([]);
  });

  it('rejects bad requests and other users’ documents', async () => {
    const owner = await t.asStudent();
    const other = await t.asStudent();
    const doc = await uploadDocument(t.as(owner), 'water-cycle.txt');
    await t.as(other).post('/api/generation/adaptive', { documentId: doc.id }, 404);
    await t.as(owner).post('/api/generation/adaptive', { documentId: doc.id, count: 0 }, 400);
    await t.as(owner).post('/api/generation/adaptive', { documentId: doc.id, extra: 1 }, 400);
    await t.as(owner).post('/api/generation/adaptive', { documentId: { $ne: null } }, 400);
    await t
      .as(owner)
      .post('/api/generation/adaptive', { documentId: doc.id, topics: ['not a topic here'] }, 400);
  });
});
