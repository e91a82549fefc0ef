import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { AppProcess, freePort } from './app-process';
import { benchBackends, machineLoad, startFerretDb } from './engines';

/**
 * HTTP overhead of the stack: each app route against plain node:http doing the same work in its own
 * process (a constant for /health; JWT verification and the same MongoDB read for /auth/me), on the
 * same FerretDB (PostgreSQL when one answers), 50 connections each.
 */
const CONNECTIONS = 50;
const DURATION_S = 8;
const SECRET = 'benchmark-secret-that-is-long-enough';

async function load(title: string, url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  return {
    scenario: title,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function startRaw(uri: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'raw-http.ts')], {
    env: { PATH: process.env.PATH, PORT: String(port), MONGODB_URI: uri, JWT_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`raw server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const [engine] = await benchBackends();
  const database = await startFerretDb(engine);
  const uri = `${database.uri}bench_http`;
  const app = await AppProcess.start({
    MONGODB_URI: uri,
    DATABASE_ENGINE: 'ferretdb',
    JWT_SECRET: SECRET,
  });
  const raw = await startRaw(uri);
  try {
    const auth = { authorization: await app.signUp() };
    const rows = [
      await load('raw node:http: /health', `${raw.url}/health`),
      await load('GET /health (Nest on Fastify)', `${app.url}/health`),
      await load('raw node:http: JWT + MongoDB read', `${raw.url}/auth/me`, auth),
      await load('GET /auth/me (JWT + MongoDB read)', `${app.url}/auth/me`, auth),
    ];
    console.log(
      `\nHTTP, ${CONNECTIONS} connections, ${DURATION_S} s each, loopback, FerretDB 1.24 / ${engine} (${machineLoad()})`,
    );
    console.table(rows);
    const ratio = (app: number, raw: number) => (rows[app]['req/s'] / rows[raw]['req/s']).toFixed(2);
    console.log(`/health keeps ${ratio(1, 0)} of raw node:http throughput`);
    console.log(`/auth/me keeps ${ratio(3, 2)} of raw node:http doing the same work`);
  } finally {
    raw.stop();
    await app.stop();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
