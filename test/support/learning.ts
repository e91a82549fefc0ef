import type { Response } from 'supertest';
import { TEST_PASSWORD, type SignedIn, type TestApp } from './test-app';

/** A question the test created, with the choice that answers it right and one that does not. */
export interface QuestionRef {
  id: string;
  topic: string;
  right: string;
  wrong: string;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * HTTP calls as one user that survive the test clock moving past the access token's lifetime: a
 * 401 signs the user in again (updating `user.auth`) and repeats the call once. `expected` checks
 * the status and reports the body when it differs.
 */
export class Client {
  constructor(
    private readonly t: TestApp,
    readonly user: SignedIn,
  ) {}

  get(path: string, expected?: number): Promise<Response> {
    return this.send('get', path, undefined, expected);
  }

  post(path: string, body: object = {}, expected?: number): Promise<Response> {
    return this.send('post', path, body, expected);
  }

  put(path: string, body: object, expected?: number): Promise<Response> {
    return this.send('put', path, body, expected);
  }

  delete(path: string, expected?: number): Promise<Response> {
    return this.send('delete', path, undefined, expected);
  }

  private async send(
    method: 'get' | 'post' | 'put' | 'delete',
    path: string,
    body: object | undefined,
    expected: number | undefined,
  ): Promise<Response> {
    const attempt = () => {
      const request = this.t.http()[method](path).set('authorization', this.user.auth);
      return body === undefined ? request : request.send(body);
    };
    let response = await attempt();
    if (response.status === 401) {
      await this.signInAgain();
      response = await attempt();
    }
    if (expected !== undefined && response.status !== expected) {
      throw new Error(
        `${method.toUpperCase()} ${path}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response;
  }

  private async signInAgain(): Promise<void> {
    const login = await this.t
      .http()
      .post('/auth/login')
      .send({ email: this.user.email, password: TEST_PASSWORD });
    if (login.status !== 200) throw new Error(`signing in again failed: ${login.status}`);
    this.user.accessToken = login.body.accessToken;
    this.user.auth = `Bearer ${login.body.accessToken}`;
  }
}

const WORDS = [
  'chlorophyll',
  'stomata',
  'glucose',
  'xylem',
  'phloem',
  'mitosis',
  'enzyme',
  'osmosis',
  'nucleus',
  'ribosome',
  'membrane',
  'photon',
  'carbon',
  'oxygen',
  'nitrogen',
  'vacuole',
  'granum',
  'thylakoid',
  'stroma',
  'cellulose',
  'starch',
  'protein',
  'lipid',
  'pigment',
];

/** Distinct stems, so the question bank's near-duplicate check never merges two test questions. */
function stem(topic: string, index: number): string {
  const a = WORDS[index % WORDS.length];
  const b = WORDS[(index * 7 + 3) % WORDS.length];
  return `In ${topic}, what links ${a} and ${b} in case ${index + 1}?`;
}

/** Creates `count` single-choice questions of a topic for the user, through the questions API. */
export async function createQuestions(
  api: Client,
  topic: string,
  count: number,
  options: { difficulty?: number; documentId?: string; offset?: number } = {},
): Promise<QuestionRef[]> {
  const refs: QuestionRef[] = [];
  for (let i = 0; i < count; i++) {
    const index = (options.offset ?? 0) + i;
    const response = await api.post('/api/questions', {
      type: 'single-choice',
      stem: stem(topic, index),
      choices: [
        { id: 'a', text: `The ${topic} answer number ${index + 1}` },
        { id: 'b', text: `A plausible distractor ${index + 1}` },
      ],
      correctChoiceIds: ['a'],
      topic,
      difficulty: options.difficulty ?? 0.5,
      explanation: `Because of ${topic}.`,
      ...(options.documentId ? { documentId: options.documentId } : {}),
    });
    if (response.status !== 201) {
      throw new Error(
        `creating a question failed: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    refs.push({ id: response.body.id, topic, right: 'a', wrong: 'b' });
  }
  return refs;
}

export interface PracticeOptions {
  topics?: string[];
  documentId?: string;
  questionCount: number;
  mode?: 'practice' | 'exam' | 'adaptive';
  /** Whether the student answers the n-th question (0-based) right. */
  correct: (questionId: string, index: number) => boolean;
  /** Time per answer: the clock moves this much before each answer and it is the response time. */
  responseMs?: number;
}

export interface PracticeResult {
  sessionId: string;
  answered: { questionId: string; correct: boolean; at: Date; responseMs: number }[];
}

/** Runs a whole practice (or exam) session through the sessions API and finishes it. */
export async function practise(
  t: TestApp,
  api: Client,
  options: PracticeOptions,
): Promise<PracticeResult> {
  const created = await api.post(
    '/api/sessions',
    {
      ...(options.topics ? { topics: options.topics } : {}),
      ...(options.documentId ? { documentId: options.documentId } : {}),
      questionCount: options.questionCount,
      mode: options.mode ?? 'practice',
    },
    201,
  );
  const sessionId: string = created.body.id;
  const answered: PracticeResult['answered'] = [];
  const responseMs = options.responseMs ?? 20_000;
  for (let index = 0; index < options.questionCount; index++) {
    const next = await api.get(`/api/sessions/${sessionId}/next`, 200);
    if (next.body.done) break;
    const questionId: string = next.body.question.id;
    const correct = options.correct(questionId, index);
    t.clock.advance(responseMs);
    const at = t.clock.now();
    await api.post(
      `/api/sessions/${sessionId}/answers`,
      { questionId, choiceIds: [correct ? 'a' : 'b'], timeTakenMs: responseMs },
      201,
    );
    answered.push({ questionId, correct, at, responseMs });
  }
  await api.post(`/api/sessions/${sessionId}/finish`, {}, 200);
  return { sessionId, answered };
}

/** Starts a review sitting and grades every item (drills included) with `grade(item)`. */
export async function reviewAllDue(
  t: TestApp,
  api: Client,
  grade: (item: {
    cardId: string;
    kind: string;
    topic: string;
  }) => 'again' | 'hard' | 'good' | 'easy',
  options: { responseMs?: number } = {},
): Promise<{ sessionId: string | null; graded: number }> {
  const started = await api.post('/api/reviews/sessions');
  if (started.status === 409) return { sessionId: null, graded: 0 };
  if (started.status !== 201) {
    throw new Error(`starting reviews failed: ${started.status} ${JSON.stringify(started.body)}`);
  }
  const sessionId: string = started.body.id;
  let graded = 0;
  for (;;) {
    const session = await api.get(`/api/reviews/sessions/${sessionId}`, 200);
    const pending = (
      session.body.items as {
        reviewId: string;
        cardId: string;
        kind: string;
        topic: string;
        status: string;
      }[]
    ).find((item) => item.status === 'pending');
    if (!pending) break;
    t.clock.advance(options.responseMs ?? 15_000);
    await api.post(
      `/api/reviews/sessions/${sessionId}/reviews/${pending.reviewId}`,
      { grade: grade(pending), responseMs: options.responseMs ?? 15_000 },
      200,
    );
    graded += 1;
  }
  return { sessionId, graded };
}

/** A newly registered student, as a client. */
export async function newStudent(t: TestApp): Promise<Client> {
  return new Client(t, await t.asStudent());
}

/** Uploads a fixture document for the user; returns its id. */
export async function uploadDocument(
  t: TestApp,
  api: Client,
  name: string,
  file: Buffer,
): Promise<string> {
  await api.get('/auth/me', 200);
  const response = await t
    .http()
    .post('/api/documents')
    .set('authorization', api.user.auth)
    .attach('file', file, name);
  if (response.status !== 201) {
    throw new Error(
      `uploading ${name} failed: ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  return response.body.id;
}

/** Moves the test clock to the next time it is `hour`:`minute` UTC (today if still ahead). */
export function advanceToUtc(t: TestApp, hour: number, minute = 0): void {
  const now = t.clock.now();
  const target = new Date(now);
  target.setUTCHours(hour, minute, 0, 0);
  if (target <= now) target.setUTCDate(target.getUTCDate() + 1);
  t.clock.set(target);
}

/** Polls until `probe` answers something (background jobs run on real timers). */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
