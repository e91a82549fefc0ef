/**
 * Review-queue latency and scheduler throughput.
 *
 * 1. The embedded FerretDB, started here, shared by two processes: the built app (dist/main.js)
 *    serving HTTP on a loopback port, and this process, which seeds review cards through
 *    ReviewCardsRepository (bulk inserts, not HTTP one by one). Three students get 100, 10,000
 *    and 100,000 cards, half of them due (due dates spread over the 30 days before and after
 *    now). GET /api/reviews/queue?limit=20 is timed sequentially for every student after each
 *    seeding step, so the figures also show how the latency follows the size of the whole
 *    collection.
 * 2. SM-2 and FSRS (ts-fsrs) in a loop: reviews scheduled per second, pure computation.
 *
 *   npm run build && npx tsx scripts/bench/reviews.ts [--quick]
 * Prints figures only; it never fails on timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { seededRandom } from '../../src/common/random/seeded-random';
import { quantile } from '../../src/common/stats';
import { defaultFerretDbBinary, FerretDbProcess } from '../../src/infra/database/ferretdb-process';
import { type NewCard, ReviewCardsRepository } from '../../src/reviews/review-cards.repository';
import { createFsrsScheduler } from '../../src/reviews/schedulers/fsrs';
import type { ReviewGrade } from '../../src/reviews/schedulers/grades';
import type { Scheduler } from '../../src/reviews/schedulers/scheduler';
import { sm2Scheduler } from '../../src/reviews/schedulers/sm2';
import { ReviewCard, ReviewCardSchema } from '../../src/reviews/schemas/review-card.schema';
import { AppProcess } from './app-process';

const ROOT = join(__dirname, '..', '..');
const QUICK = process.argv.includes('--quick');
const SIZES = QUICK ? [100, 2_000] : [100, 10_000, 100_000];
const DATABASE = 'bench_reviews';
/**
 * Timed requests per student at each step: fewer where one request takes seconds (on FerretDB
 * 1.24 every query scans the whole collection, whatever the student's own number of cards).
 */
const SAMPLES = (collection: number) =>
  collection >= 100_000 ? 10 : collection >= 10_000 ? 30 : 100;
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

async function register(url: string, size: number): Promise<Student> {
  const response = await fetch(`${url}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${size}-${process.pid}@example.org`,
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

async function queueLatency(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-reviews-'));
  const ferret = new FerretDbProcess({
    binary: defaultFerretDbBinary(ROOT),
    backend: { sqliteDir: dataDir },
    stateDir: dataDir,
  });
  const base = await ferret.start();
  mongoose.set('strictQuery', true);
  mongoose.set('sanitizeFilter', true);
  const connection = await mongoose.createConnection(`${base}${DATABASE}`).asPromise();
  const model = connection.model(ReviewCard.name, ReviewCardSchema);
  await model.init();
  const cards = new ReviewCardsRepository(model);
  const app = await AppProcess.start({
    MONGODB_URI: `${base}${DATABASE}`,
    JWT_ACCESS_TTL_SECONDS: '86400',
  });
  const random = seededRandom(2025);
  const students: Student[] = [];
  try {
    console.log(
      'Review queue: GET /api/reviews/queue?limit=20 on the embedded FerretDB 1.24 (SQLite)',
    );
    let total = 0;
    for (const size of SIZES) {
      const student = await register(app.url, size);
      const seedStarted = performance.now();
      for (let from = 0; from < size; from += SEED_BATCH) {
        const batch = newCards(student.id, from, Math.min(SEED_BATCH, size - from), random);
        const inserted = await cards.insertManyIfAbsent(batch);
        if (inserted.length !== batch.length)
          throw new Error(`seeded ${inserted.length} of ${batch.length}`);
      }
      total += size;
      const seconds = (performance.now() - seedStarted) / 1000;
      console.log(
        `\nseeded ${student.label} in ${seconds.toFixed(1)} s (${Math.round(size / seconds).toLocaleString('en')} cards/s); the collection now holds ${total.toLocaleString('en')} cards`,
      );
      students.push(student);
      for (const measured of students) {
        const samples = await timeQueue(app.url, measured, SAMPLES(total));
        console.log(`  student with ${measured.label.padEnd(15)} ${percentiles(samples)}`);
      }
    }
  } finally {
    await app.stop();
    await connection.close();
    await ferret.stop();
    rmSync(dataDir, { recursive: true, force: true });
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
  console.log('');
  await queueLatency();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
