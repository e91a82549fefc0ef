import { ApiClient } from './api-client';
import type { TestApp } from './test-app';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

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
  api: ApiClient,
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
  api: ApiClient,
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
export async function newStudent(t: TestApp): Promise<ApiClient> {
  return new ApiClient(t, await t.asStudent());
}

/** Moves the test clock to the next time it is `hour`:`minute` UTC (today if still ahead). */
export function advanceToUtc(t: TestApp, hour: number, minute = 0): void {
  const now = t.clock.now();
  const target = new Date(now);
  target.setUTCHours(hour, minute, 0, 0);
  if (target <= now) target.setUTCDate(target.getUTCDate() + 1);
  t.clock.set(target);
}
