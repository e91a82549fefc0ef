/**
 * POST /api/sessions/:id/answers under load: the built app (dist/main.js) on the embedded FerretDB,
 * on a loopback port, with 50 concurrent clients. Every request records a new answer (exam sessions
 * accept their questions in any order), going through grading, the Rasch/Elo step, the answer insert
 * and the question bank's statistics. A second run replays recorded answers (the idempotent path).
 *   npm run build && npx tsx scripts/bench/answers.ts [students] [sessionsPerStudent] [questionsPerStudent]
 * Prints figures only; it never fails on timing.
 */
import autocannon from 'autocannon';
import { seededRandom } from '../../src/common/random/seeded-random';
import { AppProcess } from './app-process';
import { Backend, benchBackends, machineLoad, startFerretDb } from './engines';

const CONNECTIONS = 50;
const TOPICS = 10;

interface Pending {
  path: string;
  auth: string;
  body: string;
}

async function call(app: AppProcess, auth: string, method: string, path: string, body?: object) {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** A student with a bank of single-choice questions and `sessions` exam sessions over all of them. */
async function prepareStudent(
  app: AppProcess,
  index: number,
  sessions: number,
  questions: number,
): Promise<Pending[]> {
  const auth = await app.signUp();
  for (let q = 0; q < questions; q++) {
    await call(app, auth, 'POST', '/api/questions', {
      type: 'single-choice',
      stem: `Benchmark question ${q} of student ${index}`,
      choices: [
        { id: 'a', text: `Right answer ${q}` },
        { id: 'b', text: `Wrong answer ${q}` },
      ],
      correctChoiceIds: ['a'],
      topic: `topic ${q % TOPICS}`,
      difficulty: ((q * 37) % 100) / 100,
      explanation: `Because ${q}.`,
    });
  }
  const pending: Pending[] = [];
  for (let s = 0; s < sessions; s++) {
    const session = await call(app, auth, 'POST', '/api/sessions', {
      topics: Array.from({ length: TOPICS }, (_, t) => `topic ${t}`),
      questionCount: questions,
      mode: 'exam',
    });
    const paper = (await call(app, auth, 'GET', `/api/sessions/${session.id}/questions`)) as {
      questions: { id: string }[];
    };
    for (const [i, question] of paper.questions.entries()) {
      pending.push({
        path: `/api/sessions/${session.id}/answers`,
        auth,
        body: JSON.stringify({
          questionId: question.id,
          choiceIds: [i % 3 === 0 ? 'b' : 'a'],
          timeTakenMs: 5_000 + i,
        }),
      });
    }
  }
  return pending;
}

/** Sends every pending answer once, spread over the connections; returns the autocannon result. */
async function fire(app: AppProcess, pending: Pending[]): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: app.url,
    connections: CONNECTIONS,
    amount: pending.length,
    // Slow answers are measured, not cut off.
    timeout: 120,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const answer = pending[next++ % pending.length];
          return {
            ...request,
            path: answer.path,
            headers: { authorization: answer.auth, 'content-type': 'application/json' },
            body: answer.body,
          };
        },
      },
    ],
  });
}

function row(title: string, result: autocannon.Result, expectedStatus: string) {
  const seconds = result.duration;
  return {
    scenario: title,
    requests: result.requests.total,
    [`${expectedStatus}/s`]: Math.round(result.requests.total / seconds),
    'p50 ms': result.latency.p50,
    'p90 ms': result.latency.p90,
    'p99 ms': result.latency.p99,
    'max ms': result.latency.max,
    statuses: Object.entries(result.statusCodeStats ?? {})
      .map(([code, stats]) => `${code}×${stats.count ?? 0}`)
      .join(' '),
    errors: result.errors,
  };
}

async function main(): Promise<void> {
  for (const backend of await benchBackends()) await measure(backend);
}

async function measure(backend: Backend): Promise<void> {
  const students = Number(process.argv[2] ?? 10);
  const sessionsPerStudent = Number(process.argv[3] ?? 6);
  const questionsPerStudent = Math.min(100, Number(process.argv[4] ?? 50));
  const database = await startFerretDb(backend);
  // Tokens must outlive the preparation and the runs.
  const app = await AppProcess.start({
    MONGODB_URI: `${database.uri}bench_answers`,
    DATABASE_ENGINE: 'ferretdb',
    JWT_ACCESS_TTL_SECONDS: '86400',
  });
  try {
    const started = Date.now();
    const pending: Pending[] = [];
    for (let i = 0; i < students; i++) {
      pending.push(...(await prepareStudent(app, i, sessionsPerStudent, questionsPerStudent)));
    }
    console.log(
      `Prepared ${students} students × ${questionsPerStudent} questions, ` +
        `${students * sessionsPerStudent} exam sessions, ${pending.length} answers to send ` +
        `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    // Interleave the sessions, as many students answering at once would (a seeded shuffle).
    const random = seededRandom(42);
    for (let i = pending.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pending[i], pending[j]] = [pending[j], pending[i]];
    }

    const first = await fire(app, pending);
    const replay = await fire(app, pending.slice(0, Math.min(2000, pending.length)));
    console.log(
      `\nPOST /api/sessions/:id/answers, ${CONNECTIONS} connections, loopback, FerretDB 1.24 / ${backend} (${machineLoad()})`,
    );
    console.table([
      row('new answers (201)', first, 'answers recorded'),
      row('the same answers again (200, idempotent)', replay, 'replies'),
    ]);

    // Count what the server recorded, through the API.
    let recorded = 0;
    for (const auth of new Set(pending.map((p) => p.auth))) {
      const page = (await call(app, auth, 'GET', '/api/sessions?limit=100')) as {
        items: { answeredCount: number }[];
      };
      recorded += page.items.reduce((sum, s) => sum + s.answeredCount, 0);
    }
    console.log(
      `Answers stored: ${recorded} of ${pending.length} sent; ` +
        `${Math.round(recorded / first.duration)} answers recorded per second`,
    );
  } finally {
    await app.stop();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
