import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonKey } from '../../src/common/text/normalize';
import { fixture, tempDataDir, waitForJob } from '../support/content-helpers';
import { uploadDocument } from '../support/factories/documents';
import { TestApp, type SignedIn } from '../support/test-app';

interface Question {
  id: string;
  type: string;
  stem: string;
  choices: { id: string; text: string }[];
  correctChoiceIds: string[];
  answer: string | null;
  documentId: string;
  explanation: string;
  citation: { chunkId: string; page: number; start: number; end: number; snippet: string };
}

/** The prose each fixture was made from (PDF and DOCX are built from these sources). */
const SOURCES: Record<string, string> = {
  'water-cycle.txt': fixture('water-cycle.txt').toString('utf8'),
  // Without list markers, which Markdown extraction drops.
  'photosynthesis.md': fixture('photosynthesis.md')
    .toString('utf8')
    .replace(/^\s*(?:\d+\.|[-*+])\s+/gm, ''),
  'plate-tectonics.pdf': readFileSync(
    join(__dirname, '../../scripts/fixtures/sources/plate-tectonics.txt'),
    'utf8',
  ),
  'french-revolution.docx': readFileSync(
    join(__dirname, '../../scripts/fixtures/sources/french-revolution.txt'),
    'utf8',
  ),
};

const has = (text: string, part: string) =>
  ` ${comparisonKey(text)} `.includes(` ${comparisonKey(part)} `);

describe('Question generation, offline (e2e)', () => {
  let t: TestApp;
  const data = tempDataDir();

  beforeAll(async () => {
    t = await TestApp.start({ env: { DATA_DIR: data.dir, LLM_PROVIDER: 'offline' } });
  });
  afterAll(async () => {
    await t.stop();
    data.remove();
  });

  const generate = (
    user: SignedIn,
    documentId: string,
    body: Record<string, unknown>,
    key?: string,
  ) => {
    const request = t
      .http()
      .post(`/api/documents/${documentId}/questions/generate`)
      .set('authorization', user.auth);
    if (key) request.set('idempotency-key', key);
    return request.send(body);
  };

  async function questionsOf(user: SignedIn, documentId: string): Promise<Question[]> {
    const response = await t.as(user).get(`/api/questions?limit=100&documentId=${documentId}`, 200);
    return response.body.items;
  }

  async function chunksOf(
    user: SignedIn,
    documentId: string,
  ): Promise<Map<string, { start: number; text: string; page: number }>> {
    const response = await t.as(user).get(`/api/documents/${documentId}/chunks?limit=100`, 200);
    return new Map(
      response.body.items.map((c: { id: string; start: number; text: string; page: number }) => [
        c.id,
        c,
      ]),
    );
  }

  describe.each(Object.keys(SOURCES))('%s', (name) => {
    it('generates distinct questions whose cited snippet is document text holding the answer', async () => {
      const user = await t.asStudent();
      const doc = await uploadDocument(t.as(user), name);
      const accepted = await generate(user, doc.id, { count: 10 }).expect(202);
      expect(accepted.body).toMatchObject({
        status: 'queued',
        progress: { done: 0, total: 10 },
        documentId: doc.id,
      });
      const job = await waitForJob(t, user.auth, accepted.body.id);
      expect(job).toMatchObject({
        status: 'succeeded',
        errors: [],
        progress: { done: 10, total: 10 },
      });
      expect(job.usage).toMatchObject({ provider: 'offline', inputTokens: 0, outputTokens: 0 });

      const questions = await questionsOf(user, doc.id);
      expect(questions.map((q) => q.id)).toEqual(job.questionIds);
      expect(new Set(questions.map((q) => q.type)).size).toBeGreaterThanOrEqual(3);
      const chunks = await chunksOf(user, doc.id);
      for (const q of questions) {
        const chunk = chunks.get(q.citation.chunkId)!;
        expect(chunk).toBeDefined();
        expect(q.citation.page).toBe(chunk.page);
        expect(chunk.text.slice(q.citation.start - chunk.start, q.citation.end - chunk.start)).toBe(
          q.citation.snippet,
        );
        // The source prose, ignoring the markup and layout extraction removes.
        expect(has(SOURCES[name], q.citation.snippet)).toBe(true);
        const correct =
          q.type === 'short-answer'
            ? [q.answer!]
            : q.choices.filter((c) => q.correctChoiceIds.includes(c.id)).map((c) => c.text);
        if (q.type === 'true-false') {
          const statement = q.stem.replace(/^True or false:\s*/, '');
          expect(has(q.citation.snippet, statement)).toBe(q.correctChoiceIds[0] === 'a');
        } else {
          for (const answer of correct) expect(has(q.citation.snippet, answer)).toBe(true);
        }
        expect(q.explanation).not.toBe('');
      }
      const keys = questions.map((q) => `${q.type}|${comparisonKey(q.stem)}`);
      expect(new Set(keys).size).toBe(keys.length);
    });
  });

  it('does not repeat the document’s questions on a second request', async () => {
    const user = await t.asStudent();
    const doc = await uploadDocument(t.as(user), 'photosynthesis.md');
    const first = await waitForJob(
      t,
      user.auth,
      (await generate(user, doc.id, { count: 8 }).expect(202)).body.id,
    );
    const second = await waitForJob(
      t,
      user.auth,
      (await generate(user, doc.id, { count: 8 }).expect(202)).body.id,
    );
    expect(first.status).toBe('succeeded');
    expect(second.status).toBe('succeeded');
    const questions = await questionsOf(user, doc.id);
    const stems = questions.map((q) => `${q.type}|${comparisonKey(q.stem)}`);
    expect(new Set(stems).size).toBe(stems.length);
    const places = questions.map((q) => `${q.type}|${q.citation.start}|${q.citation.end}`);
    expect(new Set(places).size).toBe(places.length);
  });

  it('honours types, topics and difficulty mix', async () => {
    const user = await t.asStudent();
    const doc = await uploadDocument(t.as(user), 'water-cycle.txt');
    const topic = doc.topics.find((name) => name.toLowerCase() !== 'water') ?? doc.topics[0];
    const job = await waitForJob(
      t,
      user.auth,
      (
        await generate(user, doc.id, {
          count: 4,
          types: ['short-answer', 'single-choice'],
          topics: [topic],
          difficultyMix: { easy: 1, medium: 0, hard: 0 },
        }).expect(202)
      ).body.id,
    );
    expect(job.status).toBe('succeeded');
    const questions = await questionsOf(user, doc.id);
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) {
      expect(['short-answer', 'single-choice']).toContain(q.type);
      expect(comparisonKey((q as unknown as { topic: string }).topic)).toBe(comparisonKey(topic));
    }
  });

  it('returns the same job for a retried request with the same Idempotency-Key, without duplicating', async () => {
    const user = await t.asStudent();
    const doc = await uploadDocument(t.as(user), 'water-cycle.txt');
    const first = await generate(user, doc.id, { count: 5 }, 'retry-key-1').expect(202);
    await waitForJob(t, user.auth, first.body.id);
    const retry = await generate(user, doc.id, { count: 5 }, 'retry-key-1').expect(200);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.status).toBe('succeeded');
    expect(await questionsOf(user, doc.id)).toHaveLength(5);
    const conflict = await generate(user, doc.id, { count: 6 }, 'retry-key-1').expect(409);
    expect(conflict.body.message).toMatch(/Idempotency-Key/);
    // Another user's key space is separate.
    const other = await t.asStudent();
    const otherDoc = await uploadDocument(t.as(other), 'water-cycle.txt');
    const theirs = await generate(other, otherDoc.id, { count: 5 }, 'retry-key-1').expect(202);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('fails a job clearly when no new question can be made', async () => {
    const user = await t.asStudent();
    const doc = await uploadDocument(t.as(user), 'water-cycle.txt');
    const job = await waitForJob(
      t,
      user.auth,
      (await generate(user, doc.id, { count: 3, topics: ['quantum chromodynamics'] }).expect(202))
        .body.id,
    );
    expect(job).toMatchObject({
      status: 'failed',
      errors: [expect.stringMatching(/No new questions .* on these topics/)],
    });
  });

  it('validates the request and scopes documents and jobs to their owner', async () => {
    const user = await t.asStudent();
    const other = await t.asStudent();
    const doc = await uploadDocument(t.as(user), 'water-cycle.txt');
    for (const body of [
      { count: 0 },
      { count: 101 },
      { types: ['essay'] },
      { types: [] },
      { difficultyMix: { easy: -1, medium: 0, hard: 0 } },
      { difficultyMix: { easy: 0, medium: 0, hard: 0 } },
      { topics: [''] },
      { unknown: true },
    ])
      await generate(user, doc.id, body).expect(400);
    await generate(user, doc.id, { count: 1 }, 'bad key with spaces').expect(400);
    await generate(other, doc.id, { count: 1 }).expect(404);
    const job = await generate(user, doc.id, { count: 1 }).expect(202);
    await t.as(other).get(`/api/generation-jobs/${job.body.id}`, 404);
    await waitForJob(t, user.auth, job.body.id);
  });

  it('writes an explanation with citations once per version, then serves it from the cache', async () => {
    const user = await t.asStudent();
    const doc = await uploadDocument(t.as(user), 'photosynthesis.md');
    await waitForJob(
      t,
      user.auth,
      (await generate(user, doc.id, { count: 2, types: ['single-choice'] }).expect(202)).body.id,
    );
    const [q] = await questionsOf(user, doc.id);
    const first = await t
      .http()
      .post(`/api/questions/${q.id}/explanation`)
      .set('authorization', user.auth)
      .expect(200);
    expect(first.body).toMatchObject({
      questionId: q.id,
      version: 1,
      provider: 'offline',
      cached: false,
    });
    expect(first.body.citations).toEqual([q.citation]);
    const correct = q.choices.find((c) => c.id === q.correctChoiceIds[0])!.text;
    expect(first.body.explanation).toContain(correct);
    const second = await t
      .http()
      .post(`/api/questions/${q.id}/explanation`)
      .set('authorization', user.auth)
      .expect(200);
    expect(second.body).toEqual({ ...first.body, cached: true });
    await t.as(user).patch(`/api/questions/${q.id}`, { difficulty: 0.9 }, 200);
    const third = await t
      .http()
      .post(`/api/questions/${q.id}/explanation`)
      .set('authorization', user.auth)
      .expect(200);
    expect(third.body).toMatchObject({ version: 2, cached: false });
    const other = await t.asStudent();
    await t
      .http()
      .post(`/api/questions/${q.id}/explanation`)
      .set('authorization', other.auth)
      .expect(404);
  });
});
