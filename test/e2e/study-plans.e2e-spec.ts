import type { ApiClient } from '../support/api-client';
import { createQuestions } from '../support/factories/questions';
import { DAY, HOUR, MINUTE, newStudent, practise } from '../support/learning';
import { TestApp } from '../support/test-app';

const START = new Date('2025-09-01T17:00:00.000Z');

interface PlanSession {
  n: number;
  date: string;
  startAt: string;
  endAt: string;
  kind: string;
  topics: string[];
  minutes: number;
  completed: boolean;
}

describe('Study plans (e2e)', () => {
  let t: TestApp;
  let student: ApiClient;

  beforeAll(async () => {
    t = await TestApp.start({ now: START });
    student = await newStudent(t);
    await createQuestions(student, 'algebra', 10);
    await createQuestions(student, 'geometry', 10, { offset: 10 });
    // Three evenings at 17:00 UTC: ten questions, two minutes each (20-minute sessions); algebra
    // goes well, geometry badly.
    for (let day = 0; day < 3; day++) {
      t.clock.set(new Date(START.getTime() + day * DAY));
      for (const topic of ['algebra', 'geometry']) {
        await practise(t, student, {
          topics: [topic],
          questionCount: 10,
          responseMs: 2 * MINUTE,
          correct: (_, i) => (topic === 'algebra' ? i < 8 : i < 2),
        });
      }
    }
    t.clock.set(new Date(START.getTime() + 3 * DAY - 9 * HOUR)); // the fourth morning, 08:00
  }, 300_000);
  afterAll(() => t.stop());

  async function generate(body: object = {}) {
    return student.post(
      '/api/study-plans/generate',
      {
        topics: ['algebra', 'geometry'],
        deadline: new Date(t.clock.now().getTime() + 7 * DAY).toISOString(),
        minutesPerDay: 60,
        ...body,
      },
      201,
    );
  }

  it('lays out sessions of the fingerprint’s length at its hour, weak topics first, before the deadline', async () => {
    const deadline = new Date(t.clock.now().getTime() + 7 * DAY);
    const { body: plan } = await generate({ deadline: deadline.toISOString(), finalTests: 1 });
    expect(plan).toMatchObject({
      topics: ['algebra', 'geometry'],
      minutesPerDay: 60,
      sessionMinutes: 20,
      timeZone: 'UTC',
      replans: 0,
      unscheduled: { practiceMinutes: 0, reviewMinutes: 0, tests: 0 },
    });
    const inputs = Object.fromEntries(plan.inputs.map((i: { topic: string }) => [i.topic, i]));
    expect(inputs.algebra.mastery).toBeGreaterThan(inputs.geometry.mastery);

    const sessions: PlanSession[] = plan.sessions;
    const perDay = new Map<string, number>();
    for (const s of sessions) {
      expect(new Date(s.endAt).getTime()).toBeLessThanOrEqual(deadline.getTime());
      expect(new Date(s.startAt).getTime()).toBeGreaterThanOrEqual(t.clock.now().getTime());
      expect(s.minutes).toBeLessThanOrEqual(20);
      perDay.set(s.date, (perDay.get(s.date) ?? 0) + s.minutes);
    }
    for (const minutes of perDay.values()) expect(minutes).toBeLessThanOrEqual(60);
    // Each day starts at the preferred hour, 17:00.
    const firstOfDay = [...new Set(sessions.map((s) => s.date))].map((date) =>
      sessions.find((s) => s.date === date)!,
    );
    for (const s of firstOfDay) expect(s.startAt.slice(11, 16)).toBe('17:00');
    const practice = (topic: string) =>
      sessions
        .filter((s) => s.kind === 'practice' && s.topics[0] === topic)
        .reduce((m, s) => m + s.minutes, 0);
    expect(practice('geometry')).toBeGreaterThan(practice('algebra'));
    expect(sessions.filter((s) => s.kind === 'test')).toHaveLength(1);
    expect(sessions.at(-1)!.kind).toBe('test');

    const fetched = await student.get(`/api/study-plans/${plan.id}`, 200);
    expect(fetched.body).toEqual(plan);
    const list = await student.get('/api/study-plans', 200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(plan.id);
  });

  it('tracks completion idempotently, and replans on its own when sessions are missed', async () => {
    const { body: plan } = await generate();
    const sessions: PlanSession[] = plan.sessions;
    const next = await student.get(`/api/study-plans/${plan.id}/next-session`, 200);
    expect(next.body).toMatchObject({
      status: 'upcoming',
      replanned: false,
      session: { n: sessions[0].n },
    });

    const first = await student.post(
      `/api/study-plans/${plan.id}/complete-session/${sessions[0].n}`,
      {},
      200,
    );
    expect(first.body).toMatchObject({
      completedSessions: 1,
      totalSessions: sessions.length,
      pace: 'ahead',
    });
    const again = await student.post(
      `/api/study-plans/${plan.id}/complete-session/${sessions[0].n}`,
      {},
      200,
    );
    expect(again.body.completedSessions).toBe(1);
    expect(again.body.percentComplete).toBeCloseTo(
      (100 * sessions[0].minutes) / total(sessions),
      9,
    );

    // Two days pass without study: the sessions of those days are missed.
    t.clock.advance(2 * DAY);
    const missed = sessions.filter(
      (s) => s.n !== sessions[0].n && new Date(s.endAt) <= t.clock.now(),
    );
    expect(missed.length).toBeGreaterThan(0);
    const progress = await student.get(`/api/study-plans/${plan.id}/progress`, 200);
    expect(progress.body).toMatchObject({ replanned: true, completedSessions: 1 });
    expect(progress.body.pace).not.toBe('behind');
    expect(progress.body.projectedReadiness.onPlan).toBeGreaterThanOrEqual(
      progress.body.projectedReadiness.atCurrentPace,
    );

    const replanned = await student.get(`/api/study-plans/${plan.id}`, 200);
    expect(replanned.body.replans).toBe(1);
    const now = t.clock.now().getTime();
    const after: PlanSession[] = replanned.body.sessions;
    expect(after.find((s) => s.n === sessions[0].n)).toMatchObject({ completed: true });
    for (const s of after.filter((x) => !x.completed)) {
      expect(new Date(s.startAt).getTime()).toBeGreaterThanOrEqual(now);
      expect(missed.map((m) => m.n)).not.toContain(s.n);
    }
    // Reading progress again changes nothing more.
    const steady = await student.get(`/api/study-plans/${plan.id}/progress`, 200);
    expect(steady.body.replanned).toBe(false);

    const manual = await student.post(`/api/study-plans/${plan.id}/replan`, {}, 200);
    expect(manual.body.replans).toBe(2);
  });

  it('serves the plan as an RFC 5545 calendar', async () => {
    const { body: plan } = await generate();
    const response = await student.get(`/api/study-plans/${plan.id}/calendar.ics`, 200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text: string = response.text;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain('VERSION:2.0');
    expect(text.match(/BEGIN:VEVENT\r\n/g)).toHaveLength(plan.sessions.length);
    const first: PlanSession = plan.sessions[0];
    expect(text).toContain(`UID:study-plan-${plan.id}-session-${first.n}@adaptive-learning.local`);
    const stamp = first.startAt.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(text).toContain(`DTSTART:${stamp}`);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('rejects bad input and hides other students’ plans', async () => {
    const soon = new Date(t.clock.now().getTime() + 3 * DAY).toISOString();
    const bad = async (body: object, status = 400) =>
      student.post(
        '/api/study-plans/generate',
        { topics: ['algebra'], deadline: soon, minutesPerDay: 30, ...body },
        status,
      );
    await bad({ deadline: new Date(t.clock.now().getTime() - HOUR).toISOString() });
    await bad({ deadline: 'next friday' });
    await bad({ minutesPerDay: 5 });
    await bad({ minutesPerDay: 30.5 });
    await bad({ topics: [], documentIds: [] });
    await bad({ topics: ['x'], documentIds: ['nope'] });
    await bad({ finalTests: 9 });
    await bad({ deadline: new Date(t.clock.now().getTime() + 400 * DAY).toISOString() });
    await bad({ documentIds: ['0123456789abcdef01234567'] }, 404);
    const plans = await student.get('/api/study-plans?limit=100', 200);
    const count = plans.body.items.length;

    const { body: plan } = await generate();
    await student.post(`/api/study-plans/${plan.id}/complete-session/abc`, {}, 400);
    await student.post(`/api/study-plans/${plan.id}/complete-session/99999`, {}, 404);
    await student.get('/api/study-plans/not-an-id', 400);

    const other = await newStudent(t);
    for (const path of ['', '/next-session', '/progress', '/calendar.ics']) {
      await other.get(`/api/study-plans/${plan.id}${path}`, 404);
    }
    await other.post(`/api/study-plans/${plan.id}/replan`, {}, 404);
    await other.post(`/api/study-plans/${plan.id}/complete-session/${plan.sessions[0].n}`, {}, 404);
    const untouched = await student.get(`/api/study-plans/${plan.id}`, 200);
    expect(untouched.body).toEqual(plan);
    expect((await student.get('/api/study-plans?limit=100', 200)).body.items).toHaveLength(
      count + 1,
    );
  });
});

function total(sessions: PlanSession[]): number {
  return sessions.reduce((m, s) => m + s.minutes, 0);
}
