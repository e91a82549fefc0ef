import type { ApiClient } from '../support/api-client';
import type { BankQuestion } from '../support/answer-keys';
import { waterCycleBank } from '../support/factories/questions';
import { TestApp } from '../support/test-app';

const START = new Date('2025-03-05T14:00:00Z');
const at = (ms: number) => new Date(START.getTime() + ms).toISOString();

describe('Session recording (e2e)', () => {
  let t: TestApp;
  let api: ApiClient;
  let bank: BankQuestion[];
  let documentId: string;

  beforeAll(async () => {
    t = await TestApp.start({ now: START });
    const user = await t.asStudent();
    ({ documentId, bank } = await waterCycleBank(t.as(user)));
    api = t.as(user, bank);
  });
  afterAll(() => t.stop());

  async function practice(questionCount = 2): Promise<string> {
    const created = await api.post(
      '/api/sessions',
      { documentId, questionCount, mode: 'practice' },
      201,
    );
    return created.body.id;
  }

  async function replayAll(
    id: string,
    limit = 1000,
  ): Promise<{ type: string; at: string; questionId: string | null }[]> {
    const items = [];
    let cursor: string | null = null;
    do {
      const page = await api.get(
        `/api/sessions/${id}/replay?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        200,
      );
      items.push(...page.body.items);
      cursor = page.body.next;
    } while (cursor);
    return items;
  }

  it('records batches and reflects them in the replay, the answer timeline and the heatmap', async () => {
    const id = await practice(2);
    const first = (await api.get(`/api/sessions/${id}/next`, 200)).body.question;
    t.clock.advance(60_000);
    // Sent out of order: the replay orders by client time.
    const batch1 = {
      batchId: 'batch-one-0001',
      events: [
        {
          type: 'click',
          at: at(12_000),
          questionId: first.id,
          x: 0.15,
          y: 0.55,
          target: 'choice:b',
        },
        { type: 'focus', at: at(1_000) },
        { type: 'mouse-move', at: at(11_000), questionId: first.id, x: 0.12, y: 0.58 },
        { type: 'mouse-move', at: at(11_500), questionId: first.id, x: 0.95, y: 0.05 },
        { type: 'answer-change', at: at(12_100), questionId: first.id, value: 'b' },
        {
          type: 'click',
          at: at(20_000),
          questionId: first.id,
          x: 0.18,
          y: 0.51,
          target: 'choice:a',
        },
        { type: 'answer-change', at: at(20_100), questionId: first.id, value: 'a' },
        { type: 'keypress', at: at(21_000), key: 'Enter' },
        { type: 'visibility-change', at: at(30_000), visible: false },
        { type: 'visibility-change', at: at(45_000), visible: true },
        { type: 'scroll', at: at(46_000), scrollY: 240 },
      ],
    };
    expect((await api.post(`/api/sessions/${id}/events`, batch1, 201)).body).toEqual({
      accepted: 11,
      duplicates: 0,
    });
    // The same batch sent again (a client retry) stores nothing new.
    expect((await api.post(`/api/sessions/${id}/events`, batch1, 201)).body).toEqual({
      accepted: 0,
      duplicates: 11,
    });

    const right =
      first.type === 'short-answer'
        ? { text: bank.find((q) => q.id === first.id)!.answer }
        : { choiceIds: ['a'] };
    await api.post(
      `/api/sessions/${id}/answers`,
      { questionId: first.id, ...right, timeTakenMs: 50_000 },
      201,
      { question: first.id },
    );
    const second = (await api.get(`/api/sessions/${id}/next`, 200)).body.question;
    t.clock.advance(30_000);
    await api.post(
      `/api/sessions/${id}/events`,
      {
        batchId: 'batch-two-0002',
        events: [
          { type: 'blur', at: at(61_000) },
          { type: 'answer-change', at: at(70_000), questionId: second.id, value: 'c' },
          { type: 'answer-change', at: at(72_000), questionId: second.id, value: 'co' },
          { type: 'answer-change', at: at(75_000), questionId: second.id, value: 'con' },
          { type: 'click', at: at(76_000), questionId: second.id, x: 1, y: 1 },
        ],
      },
      201,
    );

    const replay = await replayAll(id);
    expect(replay).toHaveLength(16);
    const times = replay.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(replay[0]).toMatchObject({ type: 'focus', at: at(1_000), questionId: null });
    expect(replay[1]).toMatchObject({ type: 'mouse-move', x: 0.12, y: 0.58, questionId: first.id });
    expect(replay.find((e) => e.type === 'scroll')).toMatchObject({ scrollY: 240 });
    // Paging gives the same stream.
    expect(await replayAll(id, 3)).toEqual(replay);

    const timeline = await api.get(`/api/sessions/${id}/timeline`, 200);
    expect(timeline.body.questions).toEqual([
      {
        questionId: first.id,
        changeCount: 2,
        changes: [
          { at: at(12_100), value: 'b' },
          { at: at(20_100), value: 'a' },
        ],
        answeredAt: at(60_000),
      },
      {
        questionId: second.id,
        changeCount: 3,
        changes: [
          { at: at(70_000), value: 'c' },
          { at: at(72_000), value: 'co' },
          { at: at(75_000), value: 'con' },
        ],
        answeredAt: null,
      },
    ]);

    const heatmap = await api.get(`/api/sessions/${id}/heatmap`, 200);
    expect(heatmap.body).toEqual({
      grid: 10,
      questions: [
        {
          questionId: first.id,
          clicks: 2,
          moves: 2,
          cells: [
            { x: 9, y: 0, clicks: 0, moves: 1 },
            { x: 1, y: 5, clicks: 2, moves: 1 },
          ],
        },
        {
          questionId: second.id,
          clicks: 1,
          moves: 0,
          cells: [{ x: 9, y: 9, clicks: 1, moves: 0 }],
        },
      ],
    });
  });

  it('refuses bad events with a clear error and stores nothing of the batch', async () => {
    const id = await practice(1);
    const question = (await api.get(`/api/sessions/${id}/next`, 200)).body.question;
    const send = (events: object[], expected: number, batchId = 'batch-bad-0001') =>
      api.post(`/api/sessions/${id}/events`, { batchId, events }, expected);
    const fine = { type: 'focus', at: at(1_000) };

    const absurd = await send(
      [
        fine,
        { type: 'click', at: '1970-01-01T00:00:00Z' },
        { type: 'blur', at: '2100-01-01T00:00:00Z' },
      ],
      400,
    );
    expect(absurd.body.message).toBe('Invalid events');
    expect(absurd.body.details.map((d: { field: string }) => d.field)).toEqual([
      'events[1].at',
      'events[2].at',
    ]);
    expect(absurd.body.details[0].message).toMatch(
      /^timestamp 1970-01-01T00:00:00.000Z is outside the session/,
    );

    const oversize = await send(
      Array.from({ length: 501 }, () => fine),
      413,
    );
    expect(oversize.body.message).toBe(
      'A batch holds at most 500 events (got 501): send smaller batches',
    );
    expect(
      (
        await send(
          Array.from({ length: 500 }, (_, i) => ({ type: 'scroll', at: at(i), scrollY: i })),
          201,
          'batch-full-0001',
        )
      ).body.accepted,
    ).toBe(500);

    const unknown = await send(
      [{ type: 'click', at: at(2_000), questionId: 'ffffffffffffffffffffffff', x: 0.5, y: 0.5 }],
      400,
    );
    expect(unknown.body.details).toEqual([
      {
        field: 'events[0].questionId',
        message: 'question ffffffffffffffffffffffff is not in this session',
      },
    ]);
    await send([{ type: 'click', at: at(2_000), questionId: question.id, x: 1.5, y: 0.5 }], 400);
    await send([{ type: 'click', at: at(2_000), questionId: question.id, x: 0.5 }], 400);
    await send([{ type: 'teleport', at: at(2_000) }], 400);
    await send([{ type: 'focus', at: 'yesterday' }], 400);
    await send([{ type: 'focus', at: '2025-03-05T14:00:01' }], 400);
    await send([{ type: 'answer-change', at: at(2_000), questionId: question.id }], 400);
    await send([{ type: 'focus', at: at(2_000), extra: 1 }], 400);
    await send([], 400);
    await api.post(`/api/sessions/${id}/events`, { batchId: 'x', events: [fine] }, 400);
    await api.post(
      `/api/sessions/${id}/events`,
      { batchId: 'batch-bad-0001', events: 'lots' },
      400,
    );

    const other = t.as(await t.asStudent(), bank);
    await other.post(
      `/api/sessions/${id}/events`,
      { batchId: 'batch-other-01', events: [fine] },
      404,
    );
    await other.get(`/api/sessions/${id}/replay`, 404);
    await other.get(`/api/sessions/${id}/timeline`, 404);
    await other.get(`/api/sessions/${id}/heatmap`, 404);

    // Only the valid 500-event batch was stored.
    const replay = await replayAll(id);
    expect(replay).toHaveLength(500);
    expect(replay.every((e) => e.type === 'scroll')).toBe(true);
    await api.get(`/api/sessions/${id}/replay?cursor=ffffffffffffffffffffffff`, 404);
    await api.get(`/api/sessions/${id}/replay?limit=5000`, 400);
  });

  it('limits the rate of batches per session', async () => {
    const id = await practice(1);
    for (let i = 0; i < 60; i++) {
      await api.post(
        `/api/sessions/${id}/events`,
        { batchId: `rate-batch-${i}`, events: [{ type: 'focus', at: at(i) }] },
        201,
      );
    }
    const limited = await api.post(
      `/api/sessions/${id}/events`,
      { batchId: 'rate-batch-60', events: [{ type: 'focus', at: at(60) }] },
      429,
    );
    expect(limited.body.message).toMatch(
      /^Too many event batches for this session: try again in \d+ s$/,
    );
    // Another session has its own budget; the next minute this one has a new one.
    const otherId = await practice(1);
    await api.post(
      `/api/sessions/${otherId}/events`,
      { batchId: 'rate-batch-00', events: [{ type: 'focus', at: at(0) }] },
      201,
    );
    t.clock.advance(60_000);
    await api.post(
      `/api/sessions/${id}/events`,
      { batchId: 'rate-batch-60', events: [{ type: 'focus', at: at(60) }] },
      201,
    );
    expect(await replayAll(id)).toHaveLength(61);
  });

  it('refuses events once the session is finished, and still replays it', async () => {
    const id = await practice(1);
    await api.post(
      `/api/sessions/${id}/events`,
      { batchId: 'before-finish', events: [{ type: 'focus', at: t.clock.now().toISOString() }] },
      201,
    );
    await api.post(`/api/sessions/${id}/finish`, {}, 200, 'everything');
    const refused = await api.post(
      `/api/sessions/${id}/events`,
      { batchId: 'after-finish', events: [{ type: 'blur', at: t.clock.now().toISOString() }] },
      409,
    );
    expect(refused.body.message).toBe('The session is finished: it takes no more events');
    expect(await replayAll(id)).toHaveLength(1);
    expect((await api.get(`/api/sessions/${id}/heatmap`, 200)).body).toEqual({
      grid: 10,
      questions: [],
    });
  });

  it('refuses events once an exam passes its time limit', async () => {
    const created = await api.post(
      '/api/sessions',
      { documentId, questionCount: 1, mode: 'exam', timeLimitSeconds: 60 },
      201,
    );
    t.clock.advance(60_000);
    const refused = await api.post(
      `/api/sessions/${created.body.id}/events`,
      { batchId: 'after-limit', events: [{ type: 'blur', at: t.clock.now().toISOString() }] },
      409,
    );
    expect(refused.body.message).toBe('The session is expired: it takes no more events');
  });
});
