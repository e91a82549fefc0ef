import autocannon from 'autocannon';
import { createServer } from 'node:http';
import { AppProcess, freePort } from './app-process';

/** HTTP overhead of the stack: raw Node vs the app's liveness route vs an authenticated route that reads MongoDB. */
const CONNECTIONS = 50;
const DURATION_S = 8;

async function load(title: string, url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  const line = {
    scenario: title,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    errors: result.errors + result.non2xx,
  };
  return line;
}

async function main(): Promise<void> {
  const port = await freePort();
  const raw = createServer((_, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"status":"ok"}');
  }).listen(port, '127.0.0.1');
  const rows = [await load('raw node:http', `http://127.0.0.1:${port}/`)];
  raw.close();

  const app = await AppProcess.start();
  try {
    const auth = await app.signUp();
    rows.push(await load('GET /health (Nest on Fastify)', `${app.url}/health`));
    rows.push(
      await load('GET /auth/me (JWT + MongoDB read)', `${app.url}/auth/me`, {
        authorization: auth,
      }),
    );
  } finally {
    await app.stop();
  }
  console.log(`\nHTTP, ${CONNECTIONS} connections, ${DURATION_S} s each, loopback`);
  console.table(rows);
  console.log(
    `/health keeps ${(rows[1]['req/s'] / rows[0]['req/s']).toFixed(2)} of raw node:http throughput`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
