import mongoose from 'mongoose';
import { spawnSync } from 'node:child_process';
import { ApiClient } from '../support/api-client';
import { createQuestions } from '../support/factories/questions';
import { newStudent, practise } from '../support/learning';
import { TestApp } from '../support/test-app';

const START = new Date('2025-06-02T08:00:00.000Z');
const MASTERY = '/api/analytics/mastery?topic=optics';

// Records the collection of every query the app sends through Mongoose (installed before the apps
// compile their models). Background pollers (jobs, outbox and upload repair) run meanwhile; requests
// are judged by the other collections.
const BACKGROUND = new Set(['jobs', 'pending_effects', 'documents']);
const seen: string[] = [];
const queriesSince = (mark: number) => seen.slice(mark).filter((name) => !BACKGROUND.has(name));
mongoose.plugin((schema) => {
  const count = function (this: { model?: { collection: { name: string } } }) {
    seen.push(this.model?.collection.name ?? 'unknown');
  };
  for (const op of [
    'find',
    'findOne',
    'countDocuments',
    'distinct',
    'findOneAndUpdate',
    'updateOne',
    'updateMany',
    'deleteOne',
    'deleteMany',
  ] as const) {
    schema.pre(op, count);
  }
  schema.pre('aggregate', function () {
    seen.push(
      (this as unknown as { _model?: { collection: { name: string } } })._model?.collection.name ??
        'unknown',
    );
  });
});

describe('Cached figures (e2e, two instances sharing Redis)', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await TestApp.start({ now: START });
    b = await TestApp.start({
      now: START,
      env: { MONGODB_URI: a.config.database.uri, REDIS_KEY_PREFIX: a.config.redis.keyPrefix },
    });
  });
  afterAll(async () => {
    await b?.stop({ dropDatabase: false });
    await a?.stop();
  });

  it('serves a hit without touching the database, on either instance, until a write invalidates it', async () => {
    const onA = await newStudent(a);
    const onB = new ApiClient(b, onA.user);
    await createQuestions(onA, 'optics', 4);
    await practise(a, onA, { topics: ['optics'], questionCount: 4, correct: () => false });

    const first = await onA.get(MASTERY, 200);
    expect(first.headers['cache-control']).toBe('private');
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(first.body.topics[0].answers).toBe(4);

    // The same read on the other instance is a hit: no query at all, same figure and ETag.
    const before = seen.length;
    const hit = await onB.get(MASTERY, 200);
    expect(queriesSince(before)).toEqual([]);
    expect(hit.body).toEqual(first.body);
    expect(hit.headers.etag).toBe(first.headers.etag);

    // A different query string is a different entry (it queries).
    const other = seen.length;
    await onB.get('/api/analytics/mastery', 200);
    expect(queriesSince(other)).toContain('session_answers');

    // Answers recorded through instance B invalidate the student's tag for instance A at once.
    await practise(b, onB, { topics: ['optics'], questionCount: 4, correct: () => true });
    const after = await onA.get(MASTERY, 200);
    expect(after.body.topics[0].answers).toBe(8);
    expect(after.body.topics[0].mastery).toBeGreaterThan(first.body.topics[0].mastery);
    expect(after.headers.etag).not.toBe(first.headers.etag);
  });

  it('answers 304 to a matching If-None-Match, and 200 with the body to a stale one', async () => {
    const student = await newStudent(a);
    const first = await student.get('/api/analytics/velocity', 200);
    const etag = first.headers.etag as string;
    const notModified = await a
      .http()
      .get('/api/analytics/velocity')
      .set('authorization', student.user.auth)
      .set('if-none-match', etag)
      .expect(304);
    expect(notModified.text ?? '').toBe('');
    const stale = await a
      .http()
      .get('/api/analytics/velocity')
      .set('authorization', student.user.auth)
      .set('if-none-match', '"something-else"')
      .expect(200);
    expect(stale.body).toEqual(first.body);
  });

  it('keeps one student’s cached figures from another', async () => {
    const one = await newStudent(a);
    const two = await newStudent(a);
    await createQuestions(one, 'optics', 2);
    await practise(a, one, { topics: ['optics'], questionCount: 2, correct: () => true });
    expect((await one.get(MASTERY, 200)).body.topics).toHaveLength(1);
    expect((await two.get(MASTERY, 200)).body.topics).toEqual([]);
  });

  it('counts hits and misses on /metrics', async () => {
    const metrics = await a.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^cache_requests_total\{result="hit"\} [1-9]/m);
    expect(metrics.text).toMatch(/^cache_requests_total\{result="miss"\} [1-9]/m);
    expect(metrics.text).toMatch(
      /^answers_recorded_total\{mode="practice",correct="true"\} [1-9]/m,
    );
  });

  it('exposes metrics that promtool accepts (Debian package prometheus)', async () => {
    const metrics = await a.http().get('/metrics').expect(200);
    const check = spawnSync('promtool', ['check', 'metrics'], {
      input: metrics.text,
      encoding: 'utf8',
    });
    expect(check.error).toBeUndefined();
    // Exit 1 is a parse error, 3 lint findings. prom-client's default gauges
    // nodejs_active_{handles,requests,resources}_total carry a counter suffix: the only findings allowed.
    expect([0, 3]).toContain(check.status);
    const findings = `${check.stdout}${check.stderr}`
      .split('\n')
      .filter((line) => line && !/^nodejs_active_\w+_total non-counter metrics/.test(line));
    expect(findings).toEqual([]);
  });
});

describe('Rate limit on the figures routes (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ now: START, env: { ANALYTICS_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers 429 with Retry-After past the per-minute limit, counted per user over all figures routes', async () => {
    const student = await newStudent(t);
    await student.get('/api/analytics/velocity', 200);
    await student.get('/api/analytics/fingerprint', 200);
    await student.get('/api/predictions/burnout-risk', 200);
    const refused = await student.get('/api/analytics/velocity', 429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Other routes keep their own limit.
    await student.get('/auth/me', 200);
    // Another student from the same address has a counter of their own.
    const other = await newStudent(t);
    await other.get('/api/analytics/velocity', 200);
  });
});
