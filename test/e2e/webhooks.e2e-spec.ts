import { createHmac } from 'node:crypto';
import type { ApiClient } from '../support/api-client';
import { createQuestions } from '../support/factories/questions';
import { newStudent, practise } from '../support/learning';
import { SmtpCapture } from '../support/smtp-capture';
import { TestApp } from '../support/test-app';
import { WebhookReceiver, type ReceivedWebhook } from '../support/webhook-receiver';
import { fixture } from '../support/content-helpers';

const HOUR = 3_600_000;

/** What a receiver does, written from the Standard Webhooks specification (not the app's code). */
function verify(secret: string, w: ReceivedWebhook): boolean {
  const id = String(w.headers['webhook-id']);
  const timestamp = String(w.headers['webhook-timestamp']);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${id}.${timestamp}.${w.body}`)
    .digest('base64');
  return String(w.headers['webhook-signature']).split(' ').includes(`v1,${expected}`);
}

const ofType = (type: string) => (w: ReceivedWebhook) => JSON.parse(w.body).type === type;

describe('Outgoing webhooks (e2e)', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  const smtp = new SmtpCapture();
  let student: ApiClient;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    const smtpUrl = await smtp.start();
    t = await TestApp.start({
      now: new Date('2026-06-01T09:00:00Z'),
      env: { WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', SMTP_URL: smtpUrl },
    });
    student = await newStudent(t);
  });
  afterAll(async () => {
    await t.stop();
    await receiver.stop();
    await smtp.stop();
  });

  it('signs and delivers domain events to the endpoints that subscribed to them', async () => {
    const created = await student.post(
      '/api/webhooks/endpoints',
      { url: `${receiver.url}/hooks/learning`, events: ['document.ready', 'session.finished'] },
      201,
    );
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(created.body).toMatchObject({ status: 'active', scope: 'own', source: 'dashboard' });
    const listed = await student.get('/api/webhooks/endpoints', 200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);

    const upload = await t
      .http()
      .post('/api/documents')
      .set('authorization', student.user.auth)
      .attach('file', fixture('water-cycle.txt'), 'water-cycle.txt')
      .expect(201);
    const [ready] = await receiver.waitFor(1, ofType('document.ready'));
    expect(ready.path).toBe('/hooks/learning');
    expect(ready.headers['content-type']).toBe('application/json');
    expect(ready.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{24}$/);
    expect(Number(ready.headers['webhook-timestamp'])).toBe(
      Math.floor(t.clock.now().getTime() / 1000),
    );
    expect(verify(created.body.secret, ready)).toBe(true);
    expect(verify('whsec_' + Buffer.from('another secret key 123').toString('base64'), ready)).toBe(
      false,
    );
    expect(JSON.parse(ready.body)).toMatchObject({
      version: 1,
      type: 'document.ready',
      data: { userId: student.user.id, documentId: upload.body.id, title: upload.body.title },
    });

    await createQuestions(student, 'rain', 2);
    await practise(t, student, {
      topics: ['rain'],
      questionCount: 2,
      responseMs: 10_000,
      correct: () => true,
    });
    const [finished] = await receiver.waitFor(1, ofType('session.finished'));
    expect(verify(created.body.secret, finished)).toBe(true);
    expect(JSON.parse(finished.body).data).toMatchObject({
      mode: 'practice',
      score: 1,
      questionCount: 2,
    });

    // Nobody else's events reach this endpoint.
    const other = await newStudent(t);
    await createQuestions(other, 'snow', 1);
    await practise(t, other, {
      topics: ['snow'],
      questionCount: 1,
      responseMs: 10_000,
      correct: () => true,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received.filter(ofType('session.finished'))).toHaveLength(1);

    const log = await student.get(`/api/webhooks/endpoints/${created.body.id}/deliveries`, 200);
    expect(log.body.items.map((d: { eventType: string }) => d.eventType).sort()).toEqual([
      'document.ready',
      'session.finished',
    ]);
    expect(log.body.items[0]).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      lastStatusCode: 200,
      lastResponse: 'thanks',
    });
    expect(log.body.items[0].lastLatencyMs).toBeGreaterThanOrEqual(0);

    // A manual re-send carries the same webhook-id, so the receiver can deduplicate.
    const resent = await student.post(
      `/api/webhooks/deliveries/${log.body.items[0].id}/resend`,
      {},
      201,
    );
    expect(resent.body.messageId).toBe(log.body.items[0].messageId);
    const copies = await receiver.waitFor(
      2,
      (w) => w.headers['webhook-id'] === resent.body.messageId,
    );
    expect(verify(created.body.secret, copies[1])).toBe(true);
    await student.delete(`/api/webhooks/endpoints/${created.body.id}`, 204);
  });

  it('retries a failing endpoint for about a day, then disables it and emails its owner', async () => {
    const owner = await newStudent(t);
    receiver.status = 503;
    const endpoint = await owner.post(
      '/api/webhooks/endpoints',
      { url: `${receiver.url}/hooks/down`, events: ['session.finished'] },
      201,
    );
    await createQuestions(owner, 'ice', 1);
    await practise(t, owner, {
      topics: ['ice'],
      questionCount: 1,
      responseMs: 10_000,
      correct: () => true,
    });
    const down = (w: ReceivedWebhook) => w.path === '/hooks/down';
    await receiver.waitFor(1, down);
    // 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, each ±20 %: advancing by 1.2 × each delay runs the next try.
    const delays = [5_000, 300_000, 1_800_000, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];
    // The failure is recorded just after the receiver answers, so the clock may move before the retry
    // is scheduled: move it again until the next attempt arrives.
    for (const [i, delay] of delays.entries()) {
      for (let tries = 0; ; tries++) {
        t.clock.advance(delay * 1.2);
        try {
          await receiver.waitFor(i + 2, down, 1_000);
          break;
        } catch (error) {
          if (tries === 5) throw error;
        }
      }
    }
    const email = await smtp.waitFor(owner.user.email);
    expect(email.subject).toBe('A webhook endpoint was disabled');
    expect(email.html).toContain('/hooks/down');
    const disabled = await owner.get(`/api/webhooks/endpoints/${endpoint.body.id}`, 200);
    expect(disabled.body).toMatchObject({ status: 'disabled' });
    expect(disabled.body.disabledReason).toContain('8 attempts failed');
    const [delivery] = (
      await owner.get(`/api/webhooks/endpoints/${endpoint.body.id}/deliveries`, 200)
    ).body.items;
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastStatusCode: 503,
      lastResponse: 'not now',
    });
    expect(receiver.received.filter(down)).toHaveLength(8);

    // Disabled: a re-send is refused until the owner enables the endpoint again; then it goes out.
    await owner.post(`/api/webhooks/deliveries/${delivery.id}/resend`, {}, 409);
    receiver.status = 200;
    const patch = await t
      .http()
      .patch(`/api/webhooks/endpoints/${endpoint.body.id}`)
      .set('authorization', owner.user.auth)
      .send({ status: 'active' })
      .expect(200);
    expect(patch.body).toMatchObject({ status: 'active', disabledReason: null });
    await owner.post(`/api/webhooks/deliveries/${delivery.id}/resend`, {}, 201);
    await receiver.waitFor(9, down);
  });

  it('subscribes and unsubscribes REST hooks, and keeps endpoints to their owners', async () => {
    const tool = await newStudent(t);
    const hook = await tool.post(
      '/api/integrations/hooks',
      { target_url: `${receiver.url}/zap`, event: 'session.finished' },
      201,
    );
    expect(hook.body).toMatchObject({ source: 'rest-hook', events: ['session.finished'] });
    const stranger = await newStudent(t);
    await stranger.get(`/api/webhooks/endpoints/${hook.body.id}`, 404);
    await stranger.delete(`/api/integrations/hooks/${hook.body.id}`, 404);
    await stranger.post(
      '/api/webhooks/endpoints',
      { url: `${receiver.url}/x`, events: ['session.finished'], scope: 'all' },
      403,
    );
    await tool.post(
      '/api/webhooks/endpoints',
      { url: `${receiver.url}/x`, events: ['nothing.happened'] },
      400,
    );
    await tool.post(
      '/api/webhooks/endpoints',
      { url: 'ftp://example.org/x', events: ['session.finished'] },
      400,
    );
    await tool.post(
      '/api/webhooks/endpoints',
      { url: { $ne: '' }, events: ['session.finished'] },
      400,
    );
    await tool.delete(`/api/integrations/hooks/${hook.body.id}`, 204);
    await tool.get(`/api/webhooks/endpoints/${hook.body.id}`, 404);
  });
});

describe('Webhook targets (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ env: { WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'false' } });
  });
  afterAll(() => t.stop());

  it.each([
    'http://example.org/hook',
    'https://127.0.0.1/hook',
    'https://localhost:8443/hook',
    'https://10.1.2.3/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/hook',
    'https://user:pass@example.org/hook',
  ])('refuses %s', async (url) => {
    const student = await newStudent(t);
    const response = await student.post('/api/webhooks/endpoints', {
      url,
      events: ['session.finished'],
    });
    expect(response.status).toBe(400);
    expect((await student.get('/api/webhooks/endpoints', 200)).body.items).toHaveLength(0);
  });
});
