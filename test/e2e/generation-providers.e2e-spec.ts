import { comparisonKey } from '../../src/common/text/normalize';
import { tempDataDir, waitForJob } from '../support/content-helpers';
import { uploadDocument } from '../support/factories/documents';
import { AUTO_USAGE, LlmStubServer, type WireFormat } from '../support/llm-stub-server';
import { TestApp, type SignedIn } from '../support/test-app';

const API_KEY = 'sk-test-0123456789abcdef-secret';
const TIMEOUT_MS = 400;

interface JobView {
  id: string;
  status: string;
  errors: string[];
  questionIds: string[];
  attempts: number;
  usage: {
    provider: string;
    model: string | null;
    inputTokens: number;
    outputTokens: number;
    calls: number;
  };
  events: { kind: string; status: number | null; jobAttempt: number; message: string | null }[];
}

const has = (text: string, part: string) =>
  ` ${comparisonKey(text)} `.includes(` ${comparisonKey(part)} `);

/** The HTTP providers against a local server speaking each wire format: replies, malformed replies, timeouts. */
describe.each<WireFormat>(['openai', 'anthropic'])(
  'Question generation with the %s provider (e2e)',
  (format) => {
    let t: TestApp;
    let stub: LlmStubServer;
    let user: SignedIn;
    let documentId: string;
    const data = tempDataDir();

    beforeAll(async () => {
      stub = await LlmStubServer.start(format);
      t = await TestApp.start({
        env: {
          DATA_DIR: data.dir,
          LLM_PROVIDER: format,
          LLM_BASE_URL: stub.baseUrl,
          LLM_API_KEY: API_KEY,
          LLM_MODEL: 'stub-model',
          LLM_TIMEOUT_MS: String(TIMEOUT_MS),
          LLM_MAX_RETRIES: '1',
        },
      });
      user = await t.asStudent();
      documentId = (await uploadDocument(t.as(user), 'water-cycle.txt')).id;
    });
    afterAll(async () => {
      await t.stop();
      await stub.stop();
      data.remove();
    });
    beforeEach(() => stub.reset());

    async function generate(count: number): Promise<JobView> {
      const accepted = await t
        .as(user)
        .post(`/api/documents/${documentId}/questions/generate`, { count }, 202);
      return (await waitForJob(t, user.auth, accepted.body.id)) as unknown as JobView;
    }

    const jobOf = async (id: string): Promise<JobView> =>
      (await t.as(user).get(`/api/generation-jobs/${id}`, 200)).body;

    it('sends the wire format with the key and model, stores cited questions and records token usage', async () => {
      const job = await generate(3);
      expect(job).toMatchObject({ status: 'succeeded', errors: [] });
      expect(job.questionIds).toHaveLength(3);
      expect(job.usage).toEqual({
        provider: format,
        model: 'stub-model',
        inputTokens: AUTO_USAGE.inputTokens,
        outputTokens: AUTO_USAGE.outputTokens,
        calls: 1,
      });

      const [request] = stub.requests;
      expect(request.body.model).toBe('stub-model');
      if (format === 'openai') {
        expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
        expect(request.body.response_format).toEqual({ type: 'json_object' });
        expect((request.body.messages as { role: string }[])[0].role).toBe('system');
      } else {
        expect(request.headers['x-api-key']).toBe(API_KEY);
        expect(request.headers['anthropic-version']).toBe('2023-06-01');
        expect(request.body.system).toEqual(expect.stringContaining('JSON'));
        expect(request.body.max_tokens).toEqual(expect.any(Number));
      }

      const chunks = await t.as(user).get(`/api/documents/${documentId}/chunks?limit=100`, 200);
      const byId = new Map(chunks.body.items.map((c: { id: string }) => [c.id, c]));
      for (const id of job.questionIds) {
        const q = (await t.as(user).get(`/api/questions/${id}`, 200)).body;
        const chunk = byId.get(q.citation.chunkId) as { start: number; text: string };
        expect(chunk.text.slice(q.citation.start - chunk.start, q.citation.end - chunk.start)).toBe(
          q.citation.snippet,
        );
        expect(has(q.citation.snippet, q.answer)).toBe(true);
        expect(q.source).toBe('generated');
      }
    });

    it('repairs a fenced reply with trailing commas without asking again', async () => {
      stub.script({
        kind: 'content',
        text: 'Here you go:\n```json\n{"questions": [{"type": "true-false", "stem": "The Sun drives the water cycle.", "answer": true, "difficulty": "easy", "topic": "sun", "passage": "P1", "quote": "Energy from the Sun drives the cycle",},],}\n```',
      });
      const job = await generate(1);
      expect(job.status).toBe('succeeded');
      expect(stub.requests).toHaveLength(1);
    });

    it('re-asks once after a malformed reply, then succeeds', async () => {
      stub.script({ kind: 'content', text: 'Sorry, I cannot produce JSON today.' });
      const job = await generate(2);
      expect(job.status).toBe('succeeded');
      expect(job.events.map((e) => e.kind)).toEqual(['ok', 're-ask', 'ok']);
      expect(stub.requests).toHaveLength(2);
      const retry = stub.requests[1].body.messages as { role: string; content: string }[];
      expect(retry.at(-2)).toEqual({
        role: 'assistant',
        content: 'Sorry, I cannot produce JSON today.',
      });
      expect(retry.at(-1)?.content).toMatch(/could not be used: The reply is not a JSON object/);
    });

    it('rejects a reply that is still unusable after the re-ask, with a clear error and nothing stored', async () => {
      const before = (
        await t.http().get(`/api/questions?limit=100`).set('authorization', user.auth)
      ).body.items.length;
      stub.script(
        { kind: 'content', text: '{"questions": [{"type": "essay", "stem": "Discuss."}]}' },
        {
          kind: 'content',
          text: '{"questions": [{"type": "short-answer", "stem": "Where?", "answer": "Mars", "topic": "x", "passage": "P1", "quote": "Mars is red."}]}',
        },
      );
      const job = await generate(2);
      expect(job.status).toBe('failed');
      expect(job.attempts).toBe(1);
      expect(job.errors).toEqual([
        expect.stringMatching(/rejected after one re-ask: questions\[0\]: quote is not text of P1/),
      ]);
      expect(job.events.map((e) => e.kind)).toEqual([
        'ok',
        'rejected-items',
        're-ask',
        'ok',
        'rejected-items',
      ]);
      const after = (await t.http().get(`/api/questions?limit=100`).set('authorization', user.auth))
        .body.items.length;
      expect(after).toBe(before);
    });

    it('a malformed HTTP body counts as a malformed reply', async () => {
      stub.script(
        { kind: 'http', status: 200, body: '<html>proxy error</html>' },
        { kind: 'http', status: 200, body: '{"unexpected": true}' },
      );
      const job = await generate(1);
      expect(job).toMatchObject({
        status: 'failed',
        errors: [expect.stringMatching(/rejected after one re-ask/)],
      });
    });

    it('retries a timeout with backoff, records it, and the job retries later with the usage added up', async () => {
      stub.script({ kind: 'hang' }, { kind: 'hang' });
      const accepted = await t
        .as(user)
        .post(`/api/documents/${documentId}/questions/generate`, { count: 2 }, 202);
      let job = await jobOf(accepted.body.id);
      for (let i = 0; i < 100 && job.errors.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        job = await jobOf(accepted.body.id);
      }
      expect(job.status).toBe('queued');
      expect(job.errors).toEqual([
        `The provider did not answer: no reply within ${TIMEOUT_MS} ms (after 2 attempts)`,
      ]);
      expect(job.events.map((e) => e.kind)).toEqual(['timeout', 'timeout']);

      t.clock.advance(5_000);
      job = (await waitForJob(t, user.auth, accepted.body.id)) as unknown as JobView;
      expect(job).toMatchObject({ status: 'succeeded', attempts: 2 });
      expect(job.events.map((e) => [e.jobAttempt, e.kind])).toEqual([
        [1, 'timeout'],
        [1, 'timeout'],
        [2, 'ok'],
      ]);
      expect(job.usage).toMatchObject({ calls: 3, inputTokens: AUTO_USAGE.inputTokens });
    });

    it('retries a 5xx within the call', async () => {
      stub.script({
        kind: 'http',
        status: 503,
        body: '{"error": {"message": "overloaded"}}',
        headers: { 'retry-after': '0' },
      });
      const job = await generate(1);
      expect(job.status).toBe('succeeded');
      expect(job.events.map((e) => [e.kind, e.status])).toEqual([
        ['http-error', 503],
        ['ok', 200],
      ]);
    });

    it('fails at once on a rejected key and never records the key', async () => {
      stub.script({
        kind: 'http',
        status: 401,
        body: JSON.stringify({ error: { message: `Incorrect API key provided: ${API_KEY}` } }),
      });
      const job = await generate(1);
      expect(job).toMatchObject({ status: 'failed', attempts: 1 });
      expect(job.errors[0]).toMatch(/HTTP 401: Incorrect API key provided: \[redacted\]/);
      expect(JSON.stringify(job)).not.toContain(API_KEY);
      expect(JSON.stringify(job)).not.toContain('0123456789abcdef');
    });

    it('explains a question with located quotes, caches it, and answers 503 for an unusable reply', async () => {
      const job = await generate(1);
      const questionId = job.questionIds[0];
      const first = await t
        .http()
        .post(`/api/questions/${questionId}/explanation`)
        .set('authorization', user.auth)
        .expect(200);
      expect(first.body).toMatchObject({
        provider: format,
        cached: false,
        explanation: 'The passage states the answer directly.',
      });
      expect(first.body.citations).toHaveLength(1);
      const q = (await t.http().get(`/api/questions/${questionId}`).set('authorization', user.auth))
        .body;
      expect(first.body.citations[0].chunkId).toBe(q.citation.chunkId);
      const requests = stub.requests.length;
      await t
        .http()
        .post(`/api/questions/${questionId}/explanation`)
        .set('authorization', user.auth)
        .expect(200);
      expect(stub.requests).toHaveLength(requests);

      await t.as(user).patch(`/api/questions/${questionId}`, { difficulty: 0.7 }, 200);
      stub.script(
        { kind: 'content', text: '{"explanation": ""}' },
        { kind: 'content', text: 'no json' },
      );
      const failed = await t
        .http()
        .post(`/api/questions/${questionId}/explanation`)
        .set('authorization', user.auth)
        .expect(503);
      expect(failed.body.message).toMatch(/explanation was rejected after one re-ask/);
    });
  },
);
