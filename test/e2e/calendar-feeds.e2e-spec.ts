import type { ApiClient } from '../support/api-client';
import { createQuestions } from '../support/factories/questions';
import { DAY, HOUR, MINUTE, newStudent, practise } from '../support/learning';
import { TestApp } from '../support/test-app';

const START = new Date('2026-03-02T17:00:00.000Z');

/** RFC 5545 §3.1 unfolding. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '').split('\r\n');

/** A calendar app subscribes to a student's secret feed URL, without signing in. */
describe('Calendar feeds (e2e)', () => {
  let t: TestApp;
  let student: ApiClient;
  let plan: { id: string; sessions: { n: number }[] };

  beforeAll(async () => {
    t = await TestApp.start({ now: START, env: { PUBLIC_URL: 'https://api.learn.example' } });
    student = await newStudent(t);
    const questions = await createQuestions(student, 'algebra', 6);
    await practise(t, student, {
      topics: ['algebra'],
      questionCount: 6,
      responseMs: 2 * MINUTE,
      correct: (_, i) => i < 4,
    });
    for (const q of questions.slice(0, 3))
      await student.post('/api/reviews/cards', { questionId: q.id }, 201);
    t.clock.set(new Date(START.getTime() + 15 * HOUR));
    plan = (
      await student.post(
        '/api/study-plans/generate',
        {
          topics: ['algebra'],
          deadline: new Date(t.clock.now().getTime() + 5 * DAY).toISOString(),
          minutesPerDay: 30,
        },
        201,
      )
    ).body;
  }, 120_000);
  afterAll(() => t.stop());

  const fetchFeed = (url: string, headers: Record<string, string> = {}) =>
    t.http().get(new URL(url).pathname).set(headers);

  it('serves plan sessions and review days at a secret URL, with caching headers', async () => {
    const created = await student.post('/api/study-plans/calendar-feed', {}, 201);
    expect(created.body.url).toMatch(
      /^https:\/\/api\.learn\.example\/calendar\/[A-Za-z0-9_-]{43}\.ics$/,
    );
    expect((await student.get('/api/study-plans/calendar-feed', 200)).body).toMatchObject({
      active: true,
    });

    const feed = await fetchFeed(created.body.url).expect(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('private, max-age=900');
    const lines = unfold(feed.text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(feed.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const uids = lines.filter((l) => l.startsWith('UID:'));
    for (const s of plan.sessions)
      expect(uids).toContain(`UID:study-plan-${plan.id}-session-${s.n}@adaptive-learning.local`);
    // The three new cards are due now: one all-day event on today's date (UTC student).
    const today = t.clock.now().toISOString().slice(0, 10).replace(/-/g, '');
    expect(lines).toContain(`DTSTART;VALUE=DATE:${today}`);
    expect(lines).toContain('SUMMARY:Reviews due: 3 cards');
    for (const line of feed.text.split('\r\n'))
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

    // Unchanged content: same ETag, and a conditional request gets 304 without a body.
    const again = await fetchFeed(created.body.url).expect(200);
    expect(again.headers.etag).toBe(feed.headers.etag);
    const cached = await fetchFeed(created.body.url, { 'if-none-match': feed.headers.etag }).expect(
      304,
    );
    expect(cached.text ?? '').toBe('');
  });

  it('stops serving a rotated or revoked URL, and never an unknown one', async () => {
    const first = (await student.post('/api/study-plans/calendar-feed', {}, 201)).body.url;
    const second = (await student.post('/api/study-plans/calendar-feed', {}, 201)).body.url;
    await fetchFeed(first).expect(404);
    await fetchFeed(second).expect(200);
    await student.delete('/api/study-plans/calendar-feed', 204);
    await fetchFeed(second).expect(404);
    await student.delete('/api/study-plans/calendar-feed', 404);
    expect((await student.get('/api/study-plans/calendar-feed', 200)).body).toEqual({
      active: false,
      createdAt: null,
    });
    await t
      .http()
      .get(`/calendar/${'A'.repeat(43)}.ics`)
      .expect(404);
    await t.http().get('/calendar/short.ics').expect(404);
    await t
      .http()
      .get(`/calendar/${'A'.repeat(43)}`)
      .expect(404);
    // Managing the feed needs the student signed in.
    await t.http().post('/api/study-plans/calendar-feed').expect(401);
  });
});
