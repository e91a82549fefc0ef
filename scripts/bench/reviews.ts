/**
 * Review-queue latency and scheduler throughput.
 *
 * 1. For each backend of the embedded FerretDB (PostgreSQL and SQLite; BENCH_BACKENDS picks), a FerretDB
 *    on a fresh database shared by two processes: the built app (dist/main.js) serving HTTP on a
 *    loopback port, and this process, which seeds review cards through ReviewCardsRepository (bulk
 *    inserts). Students with 100, 1,000 and 10,000 cards, and other students holding the rest of a
 *    110,100-card collection; half of every student's cards are due (due dates spread over the 30 days
 *    before and after now). GET /api/reviews/queue?limit=20 is then timed sequentially per student.
 * 2. SM-2 and FSRS (ts-fsrs) in a loop: reviews scheduled per second, pure computation.
 *
 *   npm run build && npx tsx scripts/bench/reviews.ts [--quick]
 * Prints figures only; it never fails on timing.
 */
import mongoose from 'mongoose';
import { seededRandom } from '../../src/common/random/seeded-random';
import { quantile } from '../../src/common/stats';
import { writeGuardFor } from '../../src/infra/database/write-guard';
import { type NewCard, ReviewCardsRepository } from '../../src/reviews/review-cards.repository';
import { createFsrsScheduler } from '../../src/reviews/schedulers/fsrs';
import type { ReviewGrade } from '../../src/reviews/schedulers/grades';
import type { Scheduler } from '../../src/reviews/schedulers/scheduler';
import { sm2Scheduler } from '../../src/reviews/schedulers/sm2';
import { ReviewCard, ReviewCardSchema } from '../../src/reviews/schemas/review-card.schema';
import { AppProcess } from './app-process';
import { Backend, benchBackends, machineLoad, startFerretDb } from './engines';

const QUICK = process.argv.includes('--quick');
const MEASURED = QUICK ? [100, 1_000] : [100, 1_000, 10_000];
/** Cards of everybody else, so that the collection holds 110,100 cards (11,100 with --quick). */
const OTHERS = QUICK ? [10_000] : Array.from({ length: 9 }, () => 11_000);
const DATABASE = 'bench_reviews';
/** Timed requests per student: few where one request takes seconds (SQLite reads the whole collection). */
const SAMPLES: Record<Backend, number> = { postgresql: 30, sqlite: 3 };
const SEED_BATCH = 5_000;
const DAY_MS = 86_400_000;

interface Student {
  label: string;
  id: string;
  auth: string;
  cards: number;
}

function percentiles(samples: number[]): string {
  const p50 = quantile(samples, 0.5)!;
  const p99 = quantile(samples, 0.99)!;
  return `p50 ${p50.toFixed(1).padStart(9)} ms   p99 ${p99.toFixed(1).padStart(9)} ms   (n = ${samples.length})`;
}

async function timeQueue(url: string, student: Student, samples: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = -1; i < samples; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/api/reviews/queue?limit=20`, {
      headers: { authorization: student.auth },
    });
    const body = (await response.json()) as { items: unknown[] };
    const elapsed = performance.now() - started;
    if (!response.ok) throw new Error(`queue: ${response.status} ${JSON.stringify(body)}`);
    if (body.items.length !== Math.min(20, Math.ceil(student.cards / 2))) {
      throw new Error(`queue returned ${body.items.length} items`);
    }
    if (i >= 0) times.push(elapsed); // the first request warms up
  }
  return times;
}

async function register(url: string, size: number, index: number): Promise<Student> {
  const response = await fetch(`${url}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${index}-${size}-${process.pid}@example.org`,
      password: 'benchmark password 1',
      name: `Bench ${size}`,
    }),
  });
  if (!response.ok) throw new Error(`register: ${response.status} ${await response.text()}`);
  const session = (await response.json()) as { user: { id: string }; accessToken: string };
  return {
    label: `${size.toLocaleString('en')} cards`,
    id: session.user.id,
    auth: `Bearer ${session.accessToken}`,
    cards: size,
  };
}

/** New FSRS cards (the default scheduler), half due over the last 30 days, half over the next 30. */
function newCards(studentId: string, from: number, count: number, random: () => number): NewCard[] {
  const fsrs = createFsrsScheduler();
  const now = new Date();
  return Array.from({ length: count }, (_, i) => {
    const past = (from + i) % 2 === 0;
    const dueAt = new Date(now.getTime() + (past ? -1 : 1) * (1 + random() * 30 * DAY_MS));
    return {
      userId: studentId,
      questionId: new mongoose.Types.ObjectId().toHexString(),
      questionVersion: 1,
      topic: `topic ${(from + i) % 20}`,
      documentId: null,
      scheduler: 'fsrs',
      state: { ...(fsrs.initialState(now) as object), due: dueAt.toISOString() },
      dueAt,
      source: 'manual',
      sourceSessionId: null,
      createdAt: now,
    };
  });
}

async function queueLatency(backend: Backend): Promise<void> {
  const database = await startFerretDb(backend);
  mongoose.set('strictQuery', true);
  mongoose.set('sanitizeFilter', true);
  const connection = await mongoose.createConnection(`${database.uri}${DATABASE}`).asPromise();
  const model = connection.model(ReviewCard.name, ReviewCardSchema);
  await model.init();
  const cards = new ReviewCardsRepository(model, writeGuardFor('ferretdb'));
  const app = await AppProcess.start({
    MONGODB_URI: `${database.uri}${DATABASE}`,
    DATABASE_ENGINE: 'ferretdb',
    JWT_ACCESS_TTL_SECONDS: '86400',
  });
  const random = seededRandom(2025);
  try {
    const seedStarted = performance.now();
    const students: Student[] = [];
    let total = 0;
    for (const [i, size] of [...MEASURED, ...OTHERS].entries()) {
      const student = await register(app.url, size, i);
      for (let from = 0; from < size; from += SEED_BATCH) {
        const batch = newCards(student.id, from, Math.min(SEED_BATCH, size - from), random);
        const inserted = await cards.insertManyIfAbsent(batch);
        if (inserted.length !== batch.length)
          throw new Error(`seeded ${inserted.length} of ${batch.length}`);
      }
      total += size;
      if (i < MEASURED.length) students.push(student);
    }
    const seconds = (performance.now() - seedStarted) / 1000;
    console.log(
      `\nReview queue on FerretDB 1.24 / ${backend}: GET /api/reviews/queue?limit=20, ` +
        `${total.toLocaleString('en')} cards in the collection ` +
        `(seeded in ${seconds.toFixed(0)} s, ${Math.round(total / seconds).toLocaleString('en')} cards/s)`,
    );
    for (const student of students) {
      const samples = await timeQueue(app.url, student, SAMPLES[backend]);
      console.log(`  student with ${student.label.padEnd(15)} ${percentiles(samples)}`);
    }
    console.log(`  (${machineLoad()})`);
  } finally {
    await app.stop();
    await connection.close();
    await database.stop();
  }
}

/** Reviews scheduled per second: `cards` cards each reviewed `reviews` times, a day or more apart. */
function throughput<S>(
  name: string,
  scheduler: Scheduler<S>,
  cards: number,
  reviews: number,
): void {
  const random = seededRandom(7);
  const grades: ReviewGrade[] = [1, 2, 3, 3, 3, 3, 4, 4];
  const start = new Date('2025-01-01T00:00:00.000Z');
  let scheduled = 0;
  const started = performance.now();
  for (let c = 0; c < cards; c++) {
    let state = scheduler.initialState(start);
    let now = start;
    for (let r = 0; r < reviews; r++) {
      const outcome = scheduler.review(state, grades[Math.floor(random() * grades.length)], now);
      state = outcome.state;
      now = new Date(Math.max(outcome.dueAt.getTime(), now.getTime() + 60_000));
      scheduled += 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${name.padEnd(6)} ${Math.round(scheduled / seconds)
      .toLocaleString('en')
      .padStart(
        10,
      )} reviews/s   (${scheduled.toLocaleString('en')} reviews in ${seconds.toFixed(2)} s)`,
  );
}

async function main(): Promise<void> {
  console.log('Scheduler throughput (one core, pure computation, 10 reviews per card)');
  const cards = QUICK ? 2_000 : 20_000;
  throughput('SM-2', sm2Scheduler, cards, 10);
  throughput('FSRS', createFsrsScheduler({ desiredRetention: 0.9 }), cards, 10);
  for (const backend of await benchBackends()) await queueLatency(backend);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
