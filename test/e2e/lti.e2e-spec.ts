import { LtiPlatformSimulator } from '../support/lti-platform';
import { TestApp } from '../support/test-app';

const ADMIN = { email: 'admin@lti.example.org', password: 'an admin password that is long' };

/** A learner follows a link in their LMS: the platform launches the tool, which signs them in. */
describe('LTI 1.3 launches (e2e)', () => {
  let t: TestApp;
  let platform: LtiPlatformSimulator;
  let admin: string;

  beforeAll(async () => {
    platform = await LtiPlatformSimulator.start();
    t = await TestApp.start({
      now: new Date('2026-10-05T08:00:00Z'),
      env: {
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        PUBLIC_URL: 'https://tool.example.org',
        APP_URL: 'https://learn.example.org',
      },
    });
    admin = `Bearer ${(await t.http().post('/auth/login').send(ADMIN).expect(200)).body.accessToken}`;
    await t
      .http()
      .post('/api/admin/lti/platforms')
      .set('authorization', admin)
      .send(platform.registration())
      .expect(201);
  });
  afterAll(async () => {
    await t.stop();
    await platform.stop();
  });

  /** Login initiation as the platform sends it; the state and nonce of the redirect it answers. */
  async function initiate(): Promise<{ state: string; nonce: string; redirect: URL }> {
    const response = await t
      .http()
      .post('/lti/login')
      .type('form')
      .send({
        iss: platform.issuer,
        login_hint: 'user-hint-1',
        target_link_uri: 'https://tool.example.org/lti/launch',
        client_id: platform.clientId,
        lti_deployment_id: platform.deploymentId,
        lti_message_hint: 'message-hint',
      })
      .expect(302);
    const redirect = new URL(response.headers.location);
    return {
      state: redirect.searchParams.get('state')!,
      nonce: redirect.searchParams.get('nonce')!,
      redirect,
    };
  }

  const launch = (idToken: string, state: string) =>
    t.http().post('/lti/launch').type('form').send({ id_token: idToken, state });

  it('starts the OIDC login at the platform with a fresh state and nonce', async () => {
    const { redirect, state, nonce } = await initiate();
    expect(`${redirect.origin}${redirect.pathname}`).toBe(
      `${platform.issuer}/api/lti/authorize_redirect`,
    );
    expect(Object.fromEntries(redirect.searchParams)).toMatchObject({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: platform.clientId,
      redirect_uri: 'https://tool.example.org/lti/launch',
      login_hint: 'user-hint-1',
      lti_message_hint: 'message-hint',
    });
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await initiate()).state).not.toBe(state);
    await t
      .http()
      .get('/lti/login')
      .query({ iss: 'https://unknown.example', login_hint: 'x', target_link_uri: 'y' })
      .expect(404);
  });

  it('signs a learner in with a one-time code and opens the linked document', async () => {
    const { state, nonce } = await initiate();
    const idToken = await platform.idToken({
      nonce,
      subject: 'learner-1',
      email: 'ada@school.example.org',
      now: t.clock.now(),
      custom: { document_id: '0123456789abcdef01234567' },
    });
    const response = await launch(idToken, state).expect(302);
    const landing = new URL(response.headers.location);
    expect(`${landing.origin}${landing.pathname}`).toBe('https://learn.example.org/lti');
    expect(landing.searchParams.get('document')).toBe('0123456789abcdef01234567');
    expect(response.headers.location).not.toMatch(/eyJ/); // no token in the URL

    const code = landing.searchParams.get('code')!;
    const session = await t.http().post('/auth/exchange').send({ code }).expect(200);
    expect(session.body.user).toMatchObject({
      email: 'ada@school.example.org',
      role: 'student',
      name: 'Ada Lovelace',
    });
    const me = await t
      .http()
      .get('/auth/me')
      .set('authorization', `Bearer ${session.body.accessToken}`)
      .expect(200);
    expect(me.body.id).toBe(session.body.user.id);
    // The code works once.
    await t.http().post('/auth/exchange').send({ code }).expect(401);

    // The same platform user comes back to the same account; an instructor becomes a teacher.
    const again = await initiate();
    const second = await launch(
      await platform.idToken({ nonce: again.nonce, subject: 'learner-1', now: t.clock.now() }),
      again.state,
    ).expect(302);
    const secondCode = new URL(second.headers.location).searchParams.get('code')!;
    const back = await t.http().post('/auth/exchange').send({ code: secondCode }).expect(200);
    expect(back.body.user.id).toBe(session.body.user.id);

    const teacherLogin = await initiate();
    const teacher = await launch(
      await platform.idToken({
        nonce: teacherLogin.nonce,
        subject: 'teacher-1',
        instructor: true,
        now: t.clock.now(),
      }),
      teacherLogin.state,
    ).expect(302);
    const teacherCode = new URL(teacher.headers.location).searchParams.get('code')!;
    expect(
      (await t.http().post('/auth/exchange').send({ code: teacherCode }).expect(200)).body.user
        .role,
    ).toBe('teacher');
  });

  it('refuses a wrong audience, an expired token, a wrong nonce, an unknown deployment and a replay', async () => {
    const refused = async (token: (nonce: string) => Promise<string>) => {
      const { state, nonce } = await initiate();
      const response = await launch(await token(nonce), state).expect(401);
      expect(response.body.requestId).toBeDefined();
    };
    await refused((nonce) =>
      platform.idToken({ nonce, subject: 's', now: t.clock.now(), audience: 'someone-else' }),
    );
    await refused((nonce) =>
      platform.idToken({
        nonce,
        subject: 's',
        now: new Date(t.clock.now().getTime() - 3_600_000),
        expiresInSeconds: 300,
      }),
    );
    await refused(() =>
      platform.idToken({ nonce: 'not-the-nonce-of-this-login', subject: 's', now: t.clock.now() }),
    );
    await refused((nonce) =>
      platform.idToken({ nonce, subject: 's', now: t.clock.now(), deploymentId: 'other' }),
    );

    // A token signed by another key is refused too.
    const other = await LtiPlatformSimulator.start();
    await refused((nonce) => other.idToken({ nonce, subject: 's', now: t.clock.now() }));
    await other.stop();

    // Replaying a whole launch: the state was used, the nonce too.
    const { state, nonce } = await initiate();
    const token = await platform.idToken({ nonce, subject: 'replayer', now: t.clock.now() });
    await launch(token, state).expect(302);
    await launch(token, state).expect(401);
    // An unknown state, and a state that expired before the platform answered.
    await launch(token, 'x'.repeat(43)).expect(401);
    const late = await initiate();
    t.clock.advance(11 * 60_000);
    await launch(
      await platform.idToken({ nonce: late.nonce, subject: 's', now: t.clock.now() }),
      late.state,
    ).expect(401);
  });

  it('publishes the tool’s keys, and lets only administrators register platforms', async () => {
    const jwks = await t.http().get('/lti/jwks').expect(200);
    expect(jwks.body.keys).toHaveLength(1);
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.body.keys[0].d).toBeUndefined();
    expect((await t.http().get('/lti/jwks').expect(200)).body).toEqual(jwks.body);

    const student = await t.asStudent();
    await t
      .http()
      .post('/api/admin/lti/platforms')
      .set('authorization', student.auth)
      .send(platform.registration())
      .expect(403);
    await t
      .http()
      .post('/api/admin/lti/platforms')
      .set('authorization', admin)
      .send(platform.registration())
      .expect(409);
    await t
      .http()
      .post('/api/admin/lti/platforms')
      .set('authorization', admin)
      .send({ ...platform.registration(), jwksUrl: 'not a url' })
      .expect(400);
  });
});
