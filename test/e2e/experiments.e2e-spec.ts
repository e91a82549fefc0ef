import type { BankQuestion } from '../support/answer-keys';
import { waterCycleBank } from '../support/factories/questions';
import type { SignedIn } from '../support/test-app';
import { TestApp } from '../support/test-app';

const ANSWER: Record<BankQuestion['type'], object> = {
  'single-choice': { choiceIds: ['b'] },
  'multiple-choice': { choiceIds: ['c'] },
  'true-false': { value: true },
  'short-answer': { text: 'something else' },
};

const ADMIN = { email: 'experiments-admin@school.example.org', password: 'a long admin password' };

/**
 * Standard normal CDF by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), written here so the test
 * checks the service's p-values against an independent computation.
 */
function phi(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

async function inBatches<T>(
  items: T[],
  size: number,
  run: (item: T, index: number) => Promise<void>,
) {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map((item, i) => run(item, start + i)));
  }
}

describe('A/B experiments (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await TestApp.start({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    const login = await t.http().post('/auth/login').send(ADMIN).expect(200);
    admin = {
      id: login.body.user.id,
      email: ADMIN.email,
      role: 'admin',
      accessToken: login.body.accessToken,
      refreshToken: login.body.refreshToken,
      auth: `Bearer ${login.body.accessToken}`,
    };
  });
  afterAll(() => t.stop());

  const design = {
    key: 'practice-reminder',
    description: 'Does a reminder banner make students convert?',
    variants: [
      { key: 'control', weight: 1 },
      { key: 'banner', weight: 1 },
    ],
    control: 'control',
    metrics: [
      { key: 'converted', kind: 'conversion' },
      { key: 'minutes', kind: 'continuous', aggregate: 'mean' },
    ],
    targetRoles: ['student'],
    minimumSampleSize: 50,
  };

  it('runs an experiment for 200 users and reports the statistics of what happened', async () => {
    const student = await t.asStudent();
    await t.as(student).post('/api/experiments', design, 403);

    const created = await t.as(admin).post('/api/experiments', design, 201);
    expect(created.body).toMatchObject({ key: design.key, status: 'draft', control: 'control' });
    await t.as(admin).post('/api/experiments', design, 409);
    await t.as(admin).post('/api/experiments', { ...design, key: 'x', control: 'nope' }, 400);
    await t
      .as(admin)
      .post('/api/experiments', { ...design, key: 'y', variants: [{ key: 'a', weight: 1 }] }, 400);
    await t.as(admin).post('/api/experiments', { ...design, key: 'z', extra: 1 }, 400);
    await t.as(admin).post('/api/experiments', { ...design, key: { $gt: '' } }, 400);
    await t.as(student).get(`/api/experiments/${created.body.id}/results`, 403);

    // A draft assigns nobody.
    const draft = await t.as(student).get(`/api/experiments/${design.key}/variant`, 200);
    expect(draft.body).toMatchObject({ variant: 'control', inExperiment: false });

    await t.as(admin).patch(`/api/experiments/${created.body.id}`, { status: 'running' }, 200);
    await t.as(admin).patch(
      `/api/experiments/${design.key}`,
      {
        variants: [
          { key: 'a', weight: 1 },
          { key: 'control', weight: 3 },
        ],
      },
      409,
    );
    await t.as(admin).patch(`/api/experiments/${design.key}`, { status: 'draft' }, 409);

    // A teacher is outside the population: control, not counted.
    const teacher = await t.asTeacher();
    const outside = await t.as(teacher).get(`/api/experiments/${design.key}/variant`, 200);
    expect(outside.body).toMatchObject({ variant: 'control', inExperiment: false });

    // Events before exposure are ignored.
    const early = await t
      .as(student)
      .post(`/api/experiments/${design.key}/track`, { metric: 'converted' }, 201);
    expect(early.body).toEqual({ recorded: false, reason: 'not-exposed' });

    const users: SignedIn[] = [];
    await inBatches(
      Array.from({ length: 200 }, () => 0),
      8,
      async () => {
        users.push(await t.asStudent());
      },
    );
    const variantOf = new Map<string, string>();
    await inBatches(users, 8, async (user) => {
      const first = await t.as(user).get(`/api/experiments/${design.key}/variant`, 200);
      const again = await t.as(user).get(`/api/experiments/${created.body.id}/variant`, 200);
      expect(first.body.inExperiment).toBe(true);
      expect(again.body.variant).toBe(first.body.variant);
      variantOf.set(user.id, first.body.variant as string);
    });

    // Control converts 3 in 10, the banner 6 in 10; minutes: two events per user.
    const seen = { control: 0, banner: 0 };
    const expected = {
      control: { n: 0, converted: 0, minutes: [] as number[] },
      banner: { n: 0, converted: 0, minutes: [] as number[] },
    };
    const plan = users.map((user) => {
      const variant = variantOf.get(user.id) as 'control' | 'banner';
      const index = seen[variant]++;
      const converts = index % 10 < (variant === 'control' ? 3 : 6);
      const minutes: [number, number] = [
        10 + (index % 7),
        (variant === 'banner' ? 14 : 12) + (index % 5),
      ];
      const e = expected[variant];
      e.n += 1;
      if (converts) e.converted += 1;
      e.minutes.push((minutes[0] + minutes[1]) / 2);
      return { user, converts, minutes };
    });
    await inBatches(plan, 8, async ({ user, converts, minutes }) => {
      if (converts) {
        for (let i = 0; i < 2; i++) {
          // The same idempotency key twice counts once.
          const tracked = await t
            .http()
            .post(`/api/experiments/${design.key}/track`)
            .set('authorization', user.auth)
            .set('idempotency-key', 'converted-once')
            .send({ metric: 'converted' })
            .expect(201);
          expect(tracked.body.recorded).toBe(i === 0);
        }
      }
      for (const value of minutes) {
        await t
          .as(user)
          .post(`/api/experiments/${design.key}/track`, { metric: 'minutes', value }, 201);
      }
    });
    await t
      .as(plan[0].user)
      .post(`/api/experiments/${design.key}/track`, { metric: 'clicks' }, 400);
    // Only administrators track for someone else; for others the user is not there.
    await t
      .as(plan[0].user)
      .post(
        `/api/experiments/${design.key}/track`,
        { metric: 'converted', userId: plan[1].user.id },
        404,
      );

    const results = await t.as(admin).get(`/api/experiments/${design.key}/results`, 200);
    const body = results.body;
    expect(body.variants).toEqual([
      { key: 'control', weight: 1, control: true, exposed: expected.control.n },
      { key: 'banner', weight: 1, control: false, exposed: expected.banner.n },
    ]);
    expect(expected.control.n + expected.banner.n).toBe(200);

    // Conversion: two-proportion z-test, computed here from the counts.
    const [c, b] = [expected.control, expected.banner];
    const p1 = c.converted / c.n;
    const p2 = b.converted / b.n;
    const pooled = (c.converted + b.converted) / (c.n + b.n);
    const z = (p2 - p1) / Math.sqrt(pooled * (1 - pooled) * (1 / c.n + 1 / b.n));
    const se = Math.sqrt((p1 * (1 - p1)) / c.n + (p2 * (1 - p2)) / b.n);
    const converted = body.metrics.find((m: { key: string }) => m.key === 'converted');
    const [controlRow, bannerRow] = converted.variants;
    expect(controlRow).toMatchObject({ variant: 'control', n: c.n, lift: null });
    expect(controlRow.mean).toBeCloseTo(p1, 10);
    expect(bannerRow.n).toBe(b.n);
    expect(bannerRow.mean).toBeCloseTo(p2, 10);
    expect(bannerRow.lift.test).toBe('two-proportion-z');
    expect(bannerRow.lift.absolute).toBeCloseTo(p2 - p1, 10);
    expect(bannerRow.lift.relative).toBeCloseTo((p2 - p1) / p1, 10);
    expect(bannerRow.lift.statistic).toBeCloseTo(z, 8);
    expect(bannerRow.lift.pValue).toBeCloseTo(2 * (1 - phi(Math.abs(z))), 6);
    expect(bannerRow.lift.adjustedPValue).toBeCloseTo(bannerRow.lift.pValue, 12);
    expect(bannerRow.lift.interval.low).toBeCloseTo(p2 - p1 - 1.959964 * se, 5);
    expect(bannerRow.lift.interval.high).toBeCloseTo(p2 - p1 + 1.959964 * se, 5);
    expect(bannerRow.lift.pValue).toBeLessThan(0.001);

    // Continuous (mean per user): Welch's t statistic and degrees of freedom.
    const summary = (values: number[]) => {
      const m = values.reduce((s, v) => s + v, 0) / values.length;
      const v = values.reduce((s, x) => s + (x - m) ** 2, 0) / (values.length - 1);
      return { n: values.length, mean: m, variance: v };
    };
    const sc = summary(c.minutes);
    const sb = summary(b.minutes);
    const t0 = (sb.mean - sc.mean) / Math.sqrt(sc.variance / sc.n + sb.variance / sb.n);
    const df =
      (sc.variance / sc.n + sb.variance / sb.n) ** 2 /
      ((sc.variance / sc.n) ** 2 / (sc.n - 1) + (sb.variance / sb.n) ** 2 / (sb.n - 1));
    const minutes = body.metrics.find((m: { key: string }) => m.key === 'minutes');
    expect(minutes.variants[0].mean).toBeCloseTo(sc.mean, 10);
    expect(minutes.variants[0].sd).toBeCloseTo(Math.sqrt(sc.variance), 10);
    expect(minutes.variants[1].lift.test).toBe('welch-t');
    expect(minutes.variants[1].lift.statistic).toBeCloseTo(t0, 8);
    expect(minutes.variants[1].lift.degreesOfFreedom).toBeCloseTo(df, 8);

    // 200 users split 1:1: the sample-ratio check sees no mismatch; chi-square from the counts.
    const half = 100;
    const chi = ((c.n - half) ** 2 + (b.n - half) ** 2) / half;
    expect(body.sampleRatio.chiSquare).toBeCloseTo(chi, 10);
    expect(body.sampleRatio.degreesOfFreedom).toBe(1);

    // Stopping keeps the results and stops assigning.
    const stopped = await t
      .as(admin)
      .patch(`/api/experiments/${design.key}`, { status: 'stopped' }, 200);
    expect(stopped.body.stoppedAt).not.toBeNull();
    const late = await t.as(await t.asStudent()).get(`/api/experiments/${design.key}/variant`, 200);
    expect(late.body).toMatchObject({ variant: 'control', inExperiment: false });
    const after = await t.as(admin).get(`/api/experiments/${design.key}/results`, 200);
    expect(after.body.status).toBe('stopped');
    expect(after.body.variants).toEqual(body.variants);
    expect(after.body.metrics).toEqual(body.metrics);
    const listed = await t.as(admin).get('/api/experiments', 200);
    expect(listed.body.items.map((e: { key: string }) => e.key)).toContain(design.key);
    await t.as(student).get('/api/experiments', 403);
  }, 600_000);

  it('flags a sample ratio mismatch and small samples', async () => {
    await t.as(admin).post(
      '/api/experiments',
      {
        ...design,
        key: 'lopsided',
        variants: [
          { key: 'control', weight: 1 },
          { key: 'b', weight: 1000 },
        ],
        minimumSampleSize: 1000,
      },
      201,
    );
    await t.as(admin).patch('/api/experiments/lopsided', { status: 'running' }, 200);
    const results = await t.as(admin).get('/api/experiments/lopsided/results', 200);
    expect(results.body.sampleRatio).toBeNull();
    expect(results.body.warnings.join(' ')).toMatch(/minimum sample size of 1000/);
  });

  it('puts adaptive sessions in the user’s variant and counts finished sessions itself', async () => {
    await t.as(admin).post(
      '/api/experiments',
      {
        key: 'adaptive-target-success',
        variants: [
          { key: 'usual', weight: 1, value: '0.7' },
          { key: 'easier', weight: 1, value: '0.8' },
        ],
        control: 'usual',
        metrics: [
          { key: 'session-completed', kind: 'conversion' },
          { key: 'session-score', kind: 'continuous', aggregate: 'mean' },
        ],
      },
      201,
    );
    await t.as(admin).patch('/api/experiments/adaptive-target-success', { status: 'running' }, 200);
    const user = await t.asStudent();
    const { documentId, bank } = await waterCycleBank(t.as(user));
    const api = t.as(user, bank);
    const session = await api.post(
      '/api/sessions',
      { documentId, questionCount: 2, mode: 'adaptive' },
      201,
    );
    for (let i = 0; i < 2; i++) {
      const next = await api.get(`/api/sessions/${session.body.id}/next`, 200);
      const prompt = next.body.question;
      const question = bank.find((q) => q.id === prompt.id)!;
      await api.post(
        `/api/sessions/${session.body.id}/answers`,
        { questionId: prompt.id, ...ANSWER[question.type], timeTakenMs: 1000 },
        201,
        { question: prompt.id },
      );
    }
    await api.post(`/api/sessions/${session.body.id}/finish`, {}, 200, 'everything');

    // Choosing the session's questions asked for the variant, which logged the exposure.
    const variant = await t.as(user).get('/api/experiments/adaptive-target-success/variant', 200);
    expect(variant.body.inExperiment).toBe(true);
    let results = await t.as(admin).get('/api/experiments/adaptive-target-success/results', 200);
    const exposedIn = results.body.variants.find(
      (v: { key: string }) => v.key === variant.body.variant,
    );
    expect(exposedIn.exposed).toBe(1);
    // The completion is tracked by a listener of session.finished: wait for it to land.
    const completedRow = () =>
      results.body.metrics
        .find((m: { key: string }) => m.key === 'session-completed')
        .variants.find((v: { variant: string }) => v.variant === variant.body.variant);
    for (let attempt = 0; attempt < 50 && completedRow().mean !== 1; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      results = await t.as(admin).get('/api/experiments/adaptive-target-success/results', 200);
    }
    expect(completedRow()).toMatchObject({ n: 1, mean: 1 });
    const score = results.body.metrics
      .find((m: { key: string }) => m.key === 'session-score')
      .variants.find((v: { variant: string }) => v.variant === variant.body.variant);
    expect(score.n).toBe(1);
  });
});
