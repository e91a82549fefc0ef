import { NotificationScheduler } from '../../src/notifications/notification-scheduler';
import type { ApiClient } from '../support/api-client';
import { createQuestions } from '../support/factories/questions';
import { HOUR } from '../support/learning';
import { SmtpCapture, type CapturedEmail } from '../support/smtp-capture';
import { TestApp } from '../support/test-app';

describe('Email notifications (e2e)', () => {
  const smtp = new SmtpCapture();
  let t: TestApp;
  let scheduler: NotificationScheduler;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    // Friday 6 March 2026, 12:00 UTC; New York moves to daylight time on Sunday the 8th.
    t = await TestApp.start({ env: { SMTP_URL: smtpUrl }, now: new Date('2026-03-06T12:00:00Z') });
    scheduler = t.app.get(NotificationScheduler);
  });
  afterAll(async () => {
    await t.stop();
    await smtp.stop();
  });

  async function mailsTo(email: string, count: number): Promise<CapturedEmail[]> {
    const deadline = Date.now() + 30_000;
    while (smtp.messages.filter((m) => m.to.includes(email)).length < count) {
      if (Date.now() > deadline) throw new Error(`fewer than ${count} emails to ${email}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    return smtp.messages.filter((m) => m.to.includes(email));
  }

  let student: ApiClient;
  let studentEmail: string;

  it('reminds once per local day at the chosen local time, across a DST change, with two instances racing', async () => {
    const signedIn = await t.register('student', { timezone: 'America/New_York' });
    student = t.as(signedIn);
    studentEmail = signedIn.email;
    const questions = await createQuestions(student, 'photosynthesis', 2);
    for (const q of questions) await student.post('/api/reviews/cards', { questionId: q.id }, 201);
    await student.put('/api/notifications/preferences', { weeklyReports: false }, 200);

    // Only one instance of the cluster claims a slot.
    const claims = await Promise.all([scheduler.runSlot(), scheduler.runSlot()]);
    expect(claims.map((c) => c.ran).sort()).toEqual([false, true]);

    const sentAt: string[] = [];
    for (let step = 0; step < 4 * 24 * 2; step++) {
      t.clock.advance(HOUR / 2);
      // Two instances passing at the same moment: the outbox key lets one email through.
      const [a, b] = await Promise.all([scheduler.pass(), scheduler.pass()]);
      if (a.queued + b.queued > 0)
        sentAt.push(`${t.clock.now().toISOString()}:${a.queued + b.queued}`);
    }
    // 18:00 local: 23:00 UTC under EST, 22:00 UTC under EDT (from Sunday 8 March).
    expect(sentAt).toEqual([
      '2026-03-06T23:00:00.000Z:1',
      '2026-03-07T23:00:00.000Z:1',
      '2026-03-08T22:00:00.000Z:1',
      '2026-03-09T22:00:00.000Z:1',
    ]);
    const mails = await mailsTo(studentEmail, 4);
    expect(mails).toHaveLength(4);
    expect(mails[0].subject).toBe('2 reviews waiting for you');
  });

  it('sends MIME emails with text and HTML parts and a one-click unsubscribe that turns the type off', async () => {
    const [mail] = await mailsTo(studentEmail, 4);
    expect(mail.html).toContain('photosynthesis (2)');
    expect(mail.text).toContain('2 reviews are waiting: 2 due today and 0 overdue.');
    expect(mail.text).toContain('Email preferences: http://localhost:5173/settings/notifications');
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(mail.headers['list-unsubscribe'])![1];
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toContain(`Unsubscribe from review reminders: ${link}`);
    const path = new URL(link).pathname + new URL(link).search;

    // RFC 8058: the mail client POSTs the form body without signing in; repeating it is harmless.
    for (let i = 0; i < 2; i++) {
      const done = await t
        .http()
        .post(path)
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect(done.body).toEqual({ type: 'reviewReminders' });
    }
    const prefs = await student.get('/api/notifications/preferences', 200);
    expect(prefs.body.reviewReminders).toBe(false);

    // A tampered token is refused.
    await t.http().post(path.replace('reviewReminders', 'weeklyReports')).expect(400);

    // Reminders are off now: a day later nothing more is sent.
    t.clock.advance(24 * HOUR);
    expect((await scheduler.pass()).queued).toBe(0);
  });

  it('validates preference changes, refuses an empty change and keeps omitted settings', async () => {
    const other = t.as(await t.asStudent());
    const defaults = await other.get('/api/notifications/preferences', 200);
    expect(defaults.body).toEqual({
      reviewReminders: true,
      reminderTime: '18:00',
      reminderMinDue: 1,
      weeklyReports: true,
      weeklyReportDay: 0,
      milestones: true,
      streaks: true,
      quietStart: '22:00',
      quietEnd: '07:00',
      timeZone: 'UTC',
    });
    const empty = await other.put('/api/notifications/preferences', {}, 400);
    expect(empty.body.message).toBe('must change at least one setting');
    for (const body of [
      { reminderTime: '25:00' },
      { reminderTime: '18:00:00' },
      { weeklyReportDay: 7 },
      { reminderMinDue: 0 },
      { streaks: 'yes' },
      { quietStart: { $gt: '' } },
      { unknown: true },
    ])
      await other.put('/api/notifications/preferences', body, 400);
    await other.put('/api/notifications/preferences', { quietStart: null }, 400);
    const saved = await other.put(
      '/api/notifications/preferences',
      { reminderTime: '07:30', quietStart: null, quietEnd: null, milestones: false },
      200,
    );
    expect(saved.body).toMatchObject({
      reminderTime: '07:30',
      quietStart: null,
      quietEnd: null,
      milestones: false,
      streaks: true,
    });
    await t.http().get('/api/notifications/preferences').expect(401);
  });

  it('sends a test email on request, at most one per type per minute', async () => {
    const signedIn = await t.asStudent();
    const other = t.as(signedIn);
    await other.post('/api/notifications/test', { type: 'weeklyReports' }, 204);
    await other.post('/api/notifications/test', { type: 'weeklyReports' }, 429);
    await other.post('/api/notifications/test', { type: 'milestones' }, 400);
    const [mail] = await mailsTo(signedIn.email, 1);
    expect(mail.subject).toBe('Your week of learning');
    expect(mail.text).toContain('Unsubscribe from weekly reports:');
    expect(mail.html).toContain('<h1');
  });
});
