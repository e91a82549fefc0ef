import { Types } from 'mongoose';
import { Outbox } from '../../src/infra/database';
import { RecordingModule } from '../../src/recording/recording.module';
import { RecordingRepository } from '../../src/recording/recording.repository';
import {
  AbilitiesRepository,
  difficultyKey,
  thetaKey,
} from '../../src/sessions/abilities.repository';
import { AnswerRecorder } from '../../src/sessions/answer-recorder';
import { AnswersRepository, NewAnswer } from '../../src/sessions/answers.repository';
import { PresentationsRepository } from '../../src/sessions/presentations.repository';
import { SessionsModule } from '../../src/sessions/sessions.module';
import { SessionsRepository } from '../../src/sessions/sessions.repository';
import { TestContext } from '../support/test-context';

/** The sessions and recording repositories against the real FerretDB, without HTTP. */
describe('Sessions and recording repositories on FerretDB (medium)', () => {
  let t: TestContext;
  let presentations: PresentationsRepository;
  let abilities: AbilitiesRepository;
  let recorder: AnswerRecorder;
  let outbox: Outbox;
  let answers: AnswersRepository;
  let sessions: SessionsRepository;
  let events: RecordingRepository;
  const userId = new Types.ObjectId().toHexString();

  beforeAll(async () => {
    t = await TestContext.start([SessionsModule, RecordingModule], {
      now: new Date('2025-03-01T10:00:00Z'),
    });
    presentations = t.get(PresentationsRepository);
    abilities = t.get(AbilitiesRepository);
    recorder = t.get(AnswerRecorder);
    outbox = t.get(Outbox);
    answers = t.get(AnswersRepository);
    sessions = t.get(SessionsRepository);
    events = t.get(RecordingRepository);
  });
  afterAll(() => t.stop());

  it('stores one answer per question of a session, even under concurrent submissions', async () => {
    const session = await sessions.create({
      userId,
      documentId: null,
      topics: ['cells'],
      mode: 'practice',
      scoring: 'all-or-nothing',
      questionCount: 1,
      items: [
        {
          questionId: new Types.ObjectId().toHexString(),
          version: 1,
          topic: 'cells',
          difficulty: 0.5,
        },
      ],
      timeLimitMs: null,
      startedAt: t.clock.now(),
      deadlineAt: null,
    });
    const answer = (credit: number): NewAnswer => ({
      sessionId: session.id,
      userId,
      questionId: session.items[0].questionId,
      questionVersion: 1,
      documentId: null,
      topic: 'cells',
      difficulty: 0.5,
      choiceIds: ['a'],
      text: null,
      value: null,
      correct: credit === 1,
      credit,
      responseMs: 1000,
      answeredAt: t.clock.now(),
      expected: 0.5,
      thetaDelta: 0.5,
      difficultyDelta: -0.5,
    });
    const results = await Promise.all(
      [1, 0, 1, 0, 1].map((credit) => answers.insertOnce(answer(credit))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const first = results.find((r) => r.created)!.answer;
    for (const r of results) expect(r.answer.credit).toBe(first.credit);
    expect(await answers.totalsOf(session.id)).toEqual({
      answeredCount: 1,
      creditSum: first.credit,
    });

    expect(await sessions.findOwned(session.id, new Types.ObjectId().toHexString())).toBeNull();
  });

  it('applies concurrent Elo steps to one estimate exactly once each', async () => {
    const key = thetaKey(userId, 'cells');
    const steps = Array.from({ length: 30 }, (_, i) => ({
      id: `answer-${i}`,
      delta: i % 2 === 0 ? 0.25 : -0.125,
    }));
    // Every step sent twice at once (a repair racing the original): each counts once.
    await Promise.all([...steps, ...steps].map((s) => abilities.addStep(key, s.id, s.delta)));
    expect(await abilities.get(key)).toMatchObject({ value: 15 * 0.25 - 15 * 0.125, answers: 30 });
    expect(await abilities.hasStep(key, 'answer-29')).toBe(true);
    expect(await abilities.hasStep(key, 'answer-x')).toBe(false);
    expect(await abilities.get(thetaKey(userId, 'atoms'))).toBeNull();
    const many = await abilities.getMany([key, difficultyKey('nothing')]);
    expect([...many.keys()]).toEqual([key]);
  });

  it('lets exactly one of concurrent claims present a question in a slot', async () => {
    const session = new Types.ObjectId().toHexString();
    const claims = await Promise.all(
      ['q-a', 'q-b', 'q-c', 'q-d', 'q-e'].map((questionId) =>
        presentations.claim(session, { slot: 0, questionId, presentedAt: t.clock.now() }),
      ),
    );
    expect(new Set(claims.map((c) => c.questionId)).size).toBe(1);
    expect(await presentations.ofSession(session)).toEqual([claims[0]]);
    expect(await presentations.wasPresented(session, claims[0].questionId)).toBe(true);
    expect(await presentations.wasPresented(session, 'q-z')).toBe(false);
  });

  it('stores a re-sent event batch once, and counts pointer cells in the database', async () => {
    const sessionId = new Types.ObjectId().toHexString();
    const questionId = new Types.ObjectId().toHexString();
    const base = {
      sessionId,
      userId,
      batchId: 'batch-0001',
      receivedAt: t.clock.now(),
      questionId,
      target: null,
      key: null,
      value: null,
      visible: null,
      scrollY: null,
    };
    const batch = [0, 1, 2].map((seq) => ({
      ...base,
      seq,
      type: seq === 2 ? ('mouse-move' as const) : ('click' as const),
      at: new Date(t.clock.now().getTime() + seq),
      x: 0.15,
      y: 0.55,
      cellX: 1,
      cellY: 5,
    }));
    expect(await events.insertBatch(batch)).toEqual({ inserted: 3, duplicates: 0 });
    expect(await events.insertBatch(batch)).toEqual({ inserted: 0, duplicates: 3 });
    const longer = [...batch, { ...batch[0], seq: 3, at: new Date(t.clock.now().getTime() + 3) }];
    expect(await events.insertBatch(longer)).toEqual({ inserted: 1, duplicates: 3 });
    expect(
      (await events.heatmapCounts(sessionId, ['click', 'mouse-move'])).sort((a, b) =>
        a.type < b.type ? -1 : 1,
      ),
    ).toEqual([
      { questionId, type: 'click', cellX: 1, cellY: 5, count: 3 },
      { questionId, type: 'mouse-move', cellX: 1, cellY: 5, count: 1 },
    ]);
    const page = await events.page(sessionId, 2);
    expect(page!.map((e) => e.seq)).toEqual([0, 1, 2]);
    const rest = await events.page(sessionId, 2, page![1].id);
    expect(rest!.map((e) => e.seq)).toEqual([2, 3]);
  });

  it('repairs answers whose effects a crash interrupted, and drops what a crash left unstored', async () => {
    const student = new Types.ObjectId().toHexString();
    const session = new Types.ObjectId().toHexString();
    const effect = (questionId: string) => ({
      key: `${session}:${questionId}`,
      kind: 'answer',
      scope: session,
      payload: {
        sessionId: session,
        userId: student,
        topic: 'repairs',
        questionId,
        correct: true,
        thetaDelta: 0.3,
        difficultyDelta: -0.3,
      },
      createdAt: t.clock.now(),
    });
    const stored = effect(new Types.ObjectId().toHexString());
    const lost = effect(new Types.ObjectId().toHexString());
    // A crash after storing the first answer, and one before storing the second.
    expect(await outbox.add(stored)).toBe(true);
    expect(await outbox.add(stored)).toBe(false);
    await answers.insertOnce({
      sessionId: session,
      userId: student,
      questionId: stored.payload.questionId,
      questionVersion: 1,
      documentId: null,
      topic: 'repairs',
      difficulty: 0.5,
      choiceIds: ['a'],
      text: null,
      value: null,
      correct: true,
      credit: 1,
      responseMs: 100,
      answeredAt: t.clock.now(),
      expected: 0.5,
      thetaDelta: 0.3,
      difficultyDelta: -0.3,
    });
    expect(await outbox.add(lost)).toBe(true);

    // Young records may still be in flight: left alone.
    expect(await recorder.sweep()).toBe(0);
    t.clock.advance(31_000);
    expect(await recorder.sweep()).toBe(2);
    expect(await abilities.get(thetaKey(student, 'repairs'))).toMatchObject({
      value: 0.3,
      answers: 1,
    });
    expect(await abilities.get(difficultyKey(stored.payload.questionId))).toMatchObject({
      value: -0.3,
      answers: 1,
    });
    expect(await abilities.get(difficultyKey(lost.payload.questionId))).toBeNull();
    expect(await recorder.sweep()).toBe(0);
    // Applying the same effects again (a repair racing the original) changes nothing.
    expect(await outbox.add(stored)).toBe(true);
    t.clock.advance(31_000);
    expect(await recorder.sweep()).toBe(1);
    expect(await abilities.get(thetaKey(student, 'repairs'))).toMatchObject({
      value: 0.3,
      answers: 1,
    });
  });
});
