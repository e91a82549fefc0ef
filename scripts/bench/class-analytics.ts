/**
 * GET /api/teacher/classrooms/:id/analytics, in process on the embedded FerretDB: a class of 30
 * students with 1,000 graded answers each (10 exam assignments of 100 questions, all submitted).
 * The data is written straight into the collections (what the app would have stored), then the built
 * app (dist/main.js) answers GET .../analytics repeatedly over loopback; prints p50 and p95.
 *   npm run build && npx tsx scripts/bench/class-analytics.ts [students] [assignments] [questions] [runs]
 * Prints figures only; it never fails on timing.
 */
import { randomBytes } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { AppProcess } from './app-process';
import { seededRandom } from '../../src/common/random/seeded-random';
import { benchBackends, machineLoad, startFerretDb } from './engines';

const [STUDENTS, ASSIGNMENTS, QUESTIONS, RUNS] = [30, 10, 100, 7].map((d, i) =>
  process.argv[2 + i] ? Number(process.argv[2 + i]) : d,
);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

type Db = ReturnType<InstanceType<typeof mongoose.mongo.MongoClient>['db']>;

async function seed(db: Db, teacher: string) {
  const random = seededRandom(42);
  const now = new Date();
  const teacherId = new Types.ObjectId(teacher);
  const classroomId = new Types.ObjectId();
  await db.collection('classrooms').insertOne({
    _id: classroomId,
    name: 'Bench class',
    description: '',
    ownerId: teacherId,
    teacherIds: [teacherId],
    joinCode: 'BENCH' + String(Date.now()).slice(-6),
    joinCodeEnabled: true,
    createdAt: now,
    updatedAt: now,
  });
  const students = Array.from({ length: STUDENTS }, () => new Types.ObjectId());
  await db.collection('classroom_members').insertMany(
    students.map((studentId) => ({
      classroomId,
      studentId,
      status: 'active',
      joinedAt: now,
      leftAt: null,
    })),
  );
  const ability = students.map(() => random() * 2 - 1);
  for (let a = 0; a < ASSIGNMENTS; a++) {
    const assignmentId = new Types.ObjectId();
    const topic = `topic ${a % 5}`;
    const documentId = new Types.ObjectId();
    await db.collection('assignments').insertOne({
      _id: assignmentId,
      classroomId,
      createdBy: teacherId,
      title: `Assignment ${a}`,
      documentId,
      topics: [topic],
      mode: 'exam',
      questionCount: QUESTIONS,
      opensAt: new Date(now.getTime() - 30 * 86_400_000),
      dueAt: new Date(now.getTime() - 86_400_000),
      timeLimitSeconds: null,
      createdAt: now,
    });
    const questions = Array.from({ length: QUESTIONS }, () => ({
      id: new Types.ObjectId().toHexString(),
      difficulty: random(),
    }));
    const submissions = [];
    for (const [s, userId] of students.entries()) {
      const sessionId = new Types.ObjectId();
      const startedAt = new Date(now.getTime() - (20 - a) * 86_400_000);
      const answers = questions.map((q, i) => {
        const p = 1 / (1 + Math.exp(-(ability[s] - (q.difficulty * 2 - 1)) * 2));
        const correct = random() < p;
        return {
          _id: `${sessionId.toHexString()}:${q.id}`,
          sessionId,
          userId,
          questionId: q.id,
          questionVersion: 1,
          documentId: documentId.toHexString(),
          topic,
          difficulty: q.difficulty,
          choiceIds: [correct ? 'a' : 'b'],
          text: null,
          value: null,
          correct,
          credit: correct ? 1 : 0,
          responseMs: 20_000,
          answeredAt: new Date(startedAt.getTime() + (i + 1) * 20_000),
          expected: p,
          thetaDelta: 0,
          difficultyDelta: 0,
        };
      });
      await db.collection<{ _id: string }>('session_answers').insertMany(answers);
      const score = answers.filter((x) => x.correct).length / QUESTIONS;
      const finishedAt = new Date(startedAt.getTime() + (QUESTIONS + 1) * 20_000);
      await db.collection('sessions').insertOne({
        _id: sessionId,
        userId,
        documentId: documentId.toHexString(),
        topics: [topic],
        mode: 'exam',
        status: 'finished',
        scoring: 'all-or-nothing',
        questionCount: QUESTIONS,
        items: questions.map((q) => ({
          questionId: q.id,
          version: 1,
          topic,
          difficulty: q.difficulty,
        })),
        timeLimitMs: null,
        startedAt,
        deadlineAt: null,
        finishedAt,
        answeredCount: QUESTIONS,
        creditSum: score * QUESTIONS,
        score,
        createdAt: startedAt,
        updatedAt: finishedAt,
      });
      submissions.push({
        assignmentId,
        classroomId,
        studentId: userId,
        sessionId: sessionId.toHexString(),
        status: 'submitted',
        score,
        startedAt,
        submittedAt: finishedAt,
      });
    }
    await db.collection('assignment_submissions').insertMany(submissions);
  }
  return { teacherId: teacherId.toHexString(), classroomId: classroomId.toHexString() };
}

async function main(): Promise<void> {
  const [backend] = await benchBackends();
  const ferret = await startFerretDb(backend);
  const uri = `${ferret.uri}bench_classrooms`;
  const app = await AppProcess.start({
    MONGODB_URI: uri,
    DATABASE_ENGINE: 'ferretdb',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    JWT_ACCESS_TTL_SECONDS: '86400',
  });
  const client = await mongoose.mongo.MongoClient.connect(uri);
  try {
    const auth = await app.signUp('teacher');
    const me = (await (
      await fetch(`${app.url}/auth/me`, { headers: { authorization: auth } })
    ).json()) as { id: string };
    const seedStart = Date.now();
    const { classroomId } = await seed(client.db(), me.id);
    console.log(
      `class analytics, FerretDB on ${backend}: ${STUDENTS} students × ${ASSIGNMENTS * QUESTIONS} answers ` +
        `(seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s)`,
    );
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = process.hrtime.bigint();
      const response = await fetch(`${app.url}/api/teacher/classrooms/${classroomId}/analytics`, {
        headers: { authorization: auth },
      });
      const result = (await response.json()) as {
        assignments: { items: unknown[] }[];
        topics: unknown[];
      };
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (!response.ok) throw new Error(`analytics: ${response.status} ${JSON.stringify(result)}`);
      if (run === 0)
        console.log(
          `  ${result.assignments.length} assignments, ${result.assignments[0].items.length} items each, ` +
            `${result.topics.length} topics`,
        );
    }
    times.sort((a, b) => a - b);
    console.log(
      `  ${RUNS} runs: p50 ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms, ` +
        `min ${times[0].toFixed(0)} ms; ${machineLoad()}`,
    );
  } finally {
    await client.close();
    await app.stop();
    await ferret.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
