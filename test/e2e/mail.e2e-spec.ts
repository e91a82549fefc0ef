import { SmtpCapture } from '../support/smtp-capture';
import { TEST_PASSWORD, TestApp } from '../support/test-app';

describe('Security emails (e2e)', () => {
  const smtp = new SmtpCapture();
  let t: TestApp;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    t = await TestApp.start({
      env: { SMTP_URL: smtpUrl, MAIL_FROM: 'Adaptive Learning <security@example.org>' },
    });
  });
  afterAll(async () => {
    await t.stop();
    await smtp.stop();
  });

  it('emails the owner over SMTP when the password changes, once', async () => {
    const user = await t.asStudent();
    await t
      .as(user)
      .post(
        '/auth/change-password',
        { currentPassword: TEST_PASSWORD, newPassword: 'another good password' },
        204,
      );

    const email = await smtp.waitFor(user.email);
    expect(email.subject).toBe('Your password was changed');
    expect(email.from).toBe('"Adaptive Learning" <security@example.org>');
    expect(email.html).toContain(user.email);
    expect(email.html).toContain('Every other device has been signed out');
    expect(email.text).toContain(`account (${user.email}) was changed on`);
    expect(email.text).not.toContain('<p>');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages.filter((m) => m.to.includes(user.email))).toHaveLength(1);
  });

  it('sends nothing when the change is refused', async () => {
    const user = await t.asStudent();
    await t
      .as(user)
      .post(
        '/auth/change-password',
        { currentPassword: 'not my password', newPassword: 'another good password' },
        400,
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages.filter((m) => m.to.includes(user.email))).toHaveLength(0);
  });
});
