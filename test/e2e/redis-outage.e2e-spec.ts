import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { TestApp } from '../support/test-app';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A Redis of this test's own, so it can be stopped and started again under a running app. */
async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    redis.once('error', reject);
    redis.stdout?.on(
      'data',
      (chunk: Buffer) => chunk.toString().includes('Ready to accept connections') && resolve(),
    );
  });
  return redis;
}

async function stopRedis(redis: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => redis.once('exit', resolve));
  redis.kill('SIGKILL');
  await exited;
}

async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Redis outage (e2e)', () => {
  let port: number;
  let redis: ChildProcess;
  let t: TestApp;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await TestApp.start({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  });
  afterAll(async () => {
    await t.stop();
    if (redis.exitCode === null) await stopRedis(redis);
  });

  it('keeps serving while Redis is down, reports degraded, and uses Redis again when it returns', async () => {
    const ready = () =>
      t
        .http()
        .get('/health/ready')
        .then((response) => response.body.status as string);
    expect(await eventually(ready, (status) => status === 'ok')).toBe('ok');

    await stopRedis(redis);
    expect(await eventually(ready, (status) => status === 'degraded')).toBe('degraded');
    // Rate-limited and authenticated routes still answer, without waiting on Redis.
    const student = await t.asStudent();
    await t.as(student).get('/auth/me', 200);

    redis = await startRedis(port);
    expect(await eventually(ready, (status) => status === 'ok')).toBe('ok');
    await t.as(student).get('/auth/me', 200);
  });
});
