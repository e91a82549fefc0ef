import { waterCycleBank } from '../support/factories/questions';
import { signedStripeEvent, StripeMock } from '../support/stripe-mock';
import { TestApp, type SignedIn } from '../support/test-app';

const ADMIN = { email: 'admin@market.example.org', password: 'an admin password that is long' };
const PRICE = 1999;

/**
 * A teacher sells a content pack; Stripe (its official mock) takes the payment; only the signed webhook
 * grants the licence; the buyer practises; the ledger shows the sale less the platform's fee; a refund
 * takes the content back and reverses the sale.
 */
describe('Content marketplace (e2e)', () => {
  let t: TestApp;
  let stripe: StripeMock;
  let seller: SignedIn;
  let admin: string;
  let documentId: string;
  let listingId: string;

  beforeAll(async () => {
    stripe = await StripeMock.start();
    t = await TestApp.start({
      now: new Date('2026-11-20T10:00:00Z'),
      env: {
        ...stripe.env(),
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        MARKETPLACE_FEE_PERCENT: '15',
        MARKETPLACE_FEE_MIN_MINOR: '50',
      },
    });
    const login = await t.http().post('/auth/login').send(ADMIN).expect(200);
    admin = `Bearer ${login.body.accessToken}`;
    seller = await t.asTeacher();
    documentId = (await waterCycleBank(t.as(seller))).documentId;
  });
  afterAll(async () => {
    await t.stop();
    await stripe.stop();
  });

  const deliver = (event: { id: string; type: string; object: Record<string, unknown> }) => {
    const { body, signature } = signedStripeEvent(event, t.clock.now());
    return t
      .http()
      .post('/api/marketplace/webhooks/stripe')
      .set('content-type', 'application/json')
      .set('stripe-signature', signature)
      .send(body);
  };
  const completed = (checkoutId: string, paymentIntent: string, eventId: string) =>
    deliver({
      id: eventId,
      type: 'checkout.session.completed',
      object: {
        id: `cs_test_${eventId}`,
        object: 'checkout.session',
        client_reference_id: checkoutId,
        payment_status: 'paid',
        payment_intent: paymentIntent,
        amount_total: PRICE,
        currency: 'eur',
      },
    });
  const refunded = (paymentIntent: string, eventId: string) =>
    deliver({
      id: eventId,
      type: 'charge.refunded',
      object: {
        id: `ch_${eventId}`,
        object: 'charge',
        payment_intent: paymentIntent,
        refunded: true,
      },
    });
  const practise = (student: SignedIn) =>
    t
      .http()
      .post('/api/sessions')
      .set('authorization', student.auth)
      .send({ documentId, questionCount: 2, mode: 'practice' });

  it('lists a pack as a draft, publishes it, and finds it by search', async () => {
    const created = await t
      .http()
      .post('/api/marketplace/listings')
      .set('authorization', seller.auth)
      .send({
        title: 'The water cycle, with questions',
        description: 'Evaporation, condensation and precipitation in six questions.',
        topics: ['Water Cycle', 'clouds'],
        language: 'en',
        level: 'beginner',
        documentIds: [documentId],
        priceMinor: PRICE,
        currency: 'eur',
        licenceKind: 'personal',
      })
      .expect(201);
    listingId = created.body.id;
    expect(created.body).toMatchObject({
      status: 'draft',
      seats: 1,
      topics: ['water cycle', 'clouds'],
    });

    const search = (query: string) =>
      t
        .http()
        .get(`/api/marketplace/listings?${query}`)
        .set('authorization', seller.auth)
        .expect(200);
    expect((await search('q=condensation')).body.items).toHaveLength(0);
    await t
      .http()
      .patch(`/api/marketplace/listings/${listingId}`)
      .set('authorization', seller.auth)
      .send({ status: 'published' })
      .expect(200);
    expect((await search('q=condensation')).body.items.map((l: { id: string }) => l.id)).toEqual([
      listingId,
    ]);
    expect((await search('topic=clouds&level=beginner&maxPrice=2000')).body.items).toHaveLength(1);
    expect((await search('topic=clouds&maxPrice=1998')).body.items).toHaveLength(0);
    expect((await search('q=volcano')).body.items).toHaveLength(0);
    // Back to draft is not a transition a listing on sale can make.
    await t
      .http()
      .patch(`/api/marketplace/listings/${listingId}`)
      .set('authorization', seller.auth)
      .send({ status: 'draft' })
      .expect(400);
  });

  it('previews questions without their answers', async () => {
    const buyer = await t.asStudent();
    const detail = await t
      .http()
      .get(`/api/marketplace/listings/${listingId}`)
      .set('authorization', buyer.auth)
      .expect(200);
    expect(detail.body.preview.length).toBeGreaterThan(0);
    expect(detail.body.preview.length).toBeLessThanOrEqual(3);
    for (const question of detail.body.preview) {
      expect(Object.keys(question).sort()).toEqual(['choices', 'stem', 'topic', 'type']);
    }
  });

  it('sells through Stripe: the signed webhook grants the licence, the buyer practises, the seller earns', async () => {
    const buyer = await t.asStudent();
    // No access before buying.
    await t.http().get(`/api/documents/${documentId}`).set('authorization', buyer.auth).expect(404);
    const checkout = await t
      .http()
      .post(`/api/marketplace/listings/${listingId}/checkout`)
      .set('authorization', buyer.auth)
      .expect(201);
    expect(checkout.body.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    // Starting checkout grants nothing.
    await practise(buyer).expect((r) => expect(r.status).toBeGreaterThanOrEqual(400));

    const paid = await completed(checkout.body.checkoutId, 'pi_sale_1', 'evt_sale_1').expect(200);
    expect(paid.body).toEqual({ received: true, outcome: 'processed' });
    const licences = await t
      .http()
      .get('/api/marketplace/licences')
      .set('authorization', buyer.auth)
      .expect(200);
    expect(licences.body.items).toHaveLength(1);
    expect(licences.body.items[0]).toMatchObject({
      listingId,
      status: 'active',
      priceMinor: PRICE,
      documentIds: [documentId],
    });

    // The buyer reads the document and practises on its questions, but cannot change it.
    await t.http().get(`/api/documents/${documentId}`).set('authorization', buyer.auth).expect(200);
    await practise(buyer).expect(201);
    await t
      .http()
      .patch(`/api/documents/${documentId}`)
      .set('authorization', buyer.auth)
      .send({ title: 'Mine now' })
      .expect((r) => expect([403, 404]).toContain(r.status));

    // 15 % of 19.99 is 2.9985, rounded to 3.00; the seller earns 16.99.
    const earnings = await t
      .http()
      .get('/api/marketplace/earnings')
      .set('authorization', seller.auth)
      .expect(200);
    expect(earnings.body).toEqual([
      {
        month: '2026-11',
        currency: 'eur',
        sales: 1,
        refunds: 0,
        grossMinor: 1999,
        feeMinor: 300,
        netMinor: 1699,
      },
    ]);

    // Only buyers rate, once each.
    const stranger = await t.asStudent();
    await t
      .http()
      .put(`/api/marketplace/listings/${listingId}/rating`)
      .set('authorization', stranger.auth)
      .send({ stars: 1 })
      .expect(404);
    await t
      .http()
      .put(`/api/marketplace/listings/${listingId}/rating`)
      .set('authorization', buyer.auth)
      .send({ stars: 4 })
      .expect(200);
    const rated = await t
      .http()
      .put(`/api/marketplace/listings/${listingId}/rating`)
      .set('authorization', buyer.auth)
      .send({ stars: 5, comment: 'Clear and short' })
      .expect(200);
    expect(rated.body).toMatchObject({ ratingAverage: 5, ratingCount: 1 });

    // An administrator refunds: Stripe refunds, the buyer loses access, the ledger reverses the sale.
    const licenceId = licences.body.items[0].id;
    await t
      .http()
      .post(`/api/admin/marketplace/licences/${licenceId}/refund`)
      .set('authorization', seller.auth)
      .expect(403);
    await t
      .http()
      .post(`/api/admin/marketplace/licences/${licenceId}/refund`)
      .set('authorization', admin)
      .expect(204);
    await t.http().get(`/api/documents/${documentId}`).set('authorization', buyer.auth).expect(404);
    await practise(buyer).expect((r) => expect(r.status).toBeGreaterThanOrEqual(400));
    // Stripe's charge.refunded for the same payment changes nothing more.
    await refunded('pi_sale_1', 'evt_refund_1').expect(200);
    const after = await t
      .http()
      .get('/api/marketplace/earnings')
      .set('authorization', seller.auth)
      .expect(200);
    expect(after.body).toEqual([
      {
        month: '2026-11',
        currency: 'eur',
        sales: 1,
        refunds: 1,
        grossMinor: 0,
        feeMinor: 0,
        netMinor: 0,
      },
    ]);
    const payouts = await t
      .http()
      .get('/api/admin/marketplace/payouts?month=2026-11')
      .set('authorization', admin)
      .expect(200);
    expect(payouts.body).toEqual([
      {
        sellerId: seller.id,
        currency: 'eur',
        sales: 1,
        refunds: 1,
        grossMinor: 0,
        feeMinor: 0,
        netMinor: 0,
      },
    ]);
  });

  it('grants one licence however often, and however concurrently, an event is delivered', async () => {
    const buyer = await t.asStudent();
    const checkout = await t
      .http()
      .post(`/api/marketplace/listings/${listingId}/checkout`)
      .set('authorization', buyer.auth)
      .expect(201);
    const deliveries = await Promise.all(
      Array.from({ length: 6 }, () => completed(checkout.body.checkoutId, 'pi_race', 'evt_race')),
    );
    for (const d of deliveries) expect(d.status).toBe(200);
    // A later event for the same checkout (Stripe retries with a new id) grants nothing new either.
    await completed(checkout.body.checkoutId, 'pi_race', 'evt_race_again').expect(200);
    const licences = await t
      .http()
      .get('/api/marketplace/licences')
      .set('authorization', buyer.auth)
      .expect(200);
    expect(licences.body.items).toHaveLength(1);
    const earnings = await t
      .http()
      .get('/api/marketplace/earnings')
      .set('authorization', seller.auth)
      .expect(200);
    expect(earnings.body[0]).toMatchObject({ sales: 2, refunds: 1, netMinor: 1699 });
  });

  it('revokes a licence whose refund arrived before its checkout was confirmed', async () => {
    const buyer = await t.asStudent();
    const checkout = await t
      .http()
      .post(`/api/marketplace/listings/${listingId}/checkout`)
      .set('authorization', buyer.auth)
      .expect(201);
    await refunded('pi_early', 'evt_early_refund').expect(200);
    await completed(checkout.body.checkoutId, 'pi_early', 'evt_late_checkout').expect(200);
    const licences = await t
      .http()
      .get('/api/marketplace/licences')
      .set('authorization', buyer.auth)
      .expect(200);
    expect(licences.body.items.map((l: { status: string }) => l.status)).toEqual(['revoked']);
    await t.http().get(`/api/documents/${documentId}`).set('authorization', buyer.auth).expect(404);
  });

  it('refuses bad signatures, and logs and ignores events it cannot place', async () => {
    const { body } = signedStripeEvent(
      { id: 'evt_forged', type: 'checkout.session.completed', object: {} },
      t.clock.now(),
    );
    const forged = signedStripeEvent(
      { id: 'evt_forged', type: 'checkout.session.completed', object: {} },
      t.clock.now(),
      'whsec_notTheSecret',
    ).signature;
    await t
      .http()
      .post('/api/marketplace/webhooks/stripe')
      .set('content-type', 'application/json')
      .set('stripe-signature', forged)
      .send(body)
      .expect(400);
    await t
      .http()
      .post('/api/marketplace/webhooks/stripe')
      .set('content-type', 'application/json')
      .send(body)
      .expect(400);
    // A signature from more than five minutes ago is refused.
    const stale = signedStripeEvent(
      { id: 'evt_stale', type: 'checkout.session.completed', object: {} },
      new Date(t.clock.now().getTime() - 10 * 60_000),
    );
    await t
      .http()
      .post('/api/marketplace/webhooks/stripe')
      .set('content-type', 'application/json')
      .set('stripe-signature', stale.signature)
      .send(stale.body)
      .expect(400);
    const unknown = await completed('0123456789abcdef01234567', 'pi_unknown', 'evt_unknown').expect(
      200,
    );
    expect(unknown.body).toEqual({ received: true, outcome: 'ignored' });
    const again = await completed('0123456789abcdef01234567', 'pi_unknown', 'evt_unknown').expect(
      200,
    );
    expect(again.body).toEqual({ received: true, outcome: 'duplicate' });
  });

  it('seats a classroom licence up to its size, and no further', async () => {
    const created = await t
      .http()
      .post('/api/marketplace/listings')
      .set('authorization', seller.auth)
      .send({
        title: 'Water cycle for a class',
        language: 'en',
        level: 'beginner',
        documentIds: [documentId],
        priceMinor: 0,
        currency: 'eur',
        licenceKind: 'classroom',
        seats: 30,
      })
      .expect(201);
    await t
      .http()
      .patch(`/api/marketplace/listings/${created.body.id}`)
      .set('authorization', seller.auth)
      .send({ status: 'published' })
      .expect(200);
    const teacher = await t.asTeacher();
    const licence = await t
      .http()
      .post(`/api/marketplace/listings/${created.body.id}/claim`)
      .set('authorization', teacher.auth)
      .expect(201);
    expect(licence.body).toMatchObject({ kind: 'classroom', seats: 30, status: 'active' });

    const students: SignedIn[] = [];
    for (let i = 0; i < 31; i++) students.push(await t.asStudent());
    // Thirty seats asked for at once: every one is given, once.
    const seated = await Promise.all(
      students
        .slice(0, 30)
        .map((s) =>
          t
            .http()
            .post(`/api/marketplace/licences/${licence.body.id}/seats`)
            .set('authorization', teacher.auth)
            .send({ email: s.email }),
        ),
    );
    expect(seated.map((r) => r.status)).toEqual(Array(30).fill(201));
    expect(new Set(seated.map((r) => r.body.slot)).size).toBe(30);
    const refused = await t
      .http()
      .post(`/api/marketplace/licences/${licence.body.id}/seats`)
      .set('authorization', teacher.auth)
      .send({ email: students[30].email })
      .expect(409);
    expect(refused.body.message).toContain('30 seats');

    await practise(students[0]).expect(201);
    await practise(students[30]).expect((r) => expect(r.status).toBeGreaterThanOrEqual(400));
    const seats = await t
      .http()
      .get('/api/marketplace/licences?as=seat')
      .set('authorization', students[0].auth)
      .expect(200);
    expect(seats.body.items.map((l: { id: string }) => l.id)).toEqual([licence.body.id]);

    // A freed seat goes to the next student; the one who left loses access.
    await t
      .http()
      .delete(`/api/marketplace/licences/${licence.body.id}/seats/${students[0].id}`)
      .set('authorization', teacher.auth)
      .expect(204);
    await practise(students[0]).expect((r) => expect(r.status).toBeGreaterThanOrEqual(400));
    await t
      .http()
      .post(`/api/marketplace/licences/${licence.body.id}/seats`)
      .set('authorization', teacher.auth)
      .send({ email: students[30].email })
      .expect(201);
    await practise(students[30]).expect(201);
  });

  it('keeps listings to their sellers, and the content to its licence holders', async () => {
    const other = await t.asTeacher();
    const student = await t.asStudent();
    await t
      .http()
      .patch(`/api/marketplace/listings/${listingId}`)
      .set('authorization', other.auth)
      .send({ title: 'Taken over' })
      .expect(404);
    await t
      .http()
      .post('/api/marketplace/listings')
      .set('authorization', student.auth)
      .send({})
      .expect(403);
    // Someone else's document cannot be listed.
    await t
      .http()
      .post('/api/marketplace/listings')
      .set('authorization', other.auth)
      .send({
        title: 'Not mine',
        language: 'en',
        level: 'beginner',
        documentIds: [documentId],
        priceMinor: 100,
        currency: 'eur',
        licenceKind: 'personal',
      })
      .expect(404);
    await t
      .http()
      .get(`/api/documents/${documentId}`)
      .set('authorization', student.auth)
      .expect(404);
    await t
      .http()
      .post(`/api/marketplace/listings/${listingId}/claim`)
      .set('authorization', student.auth)
      .expect(409);
    await t
      .http()
      .post(`/api/marketplace/listings/${listingId}/checkout`)
      .set('authorization', seller.auth)
      .expect(409);
    // Bad input changes nothing.
    await t
      .http()
      .patch(`/api/marketplace/listings/${listingId}`)
      .set('authorization', seller.auth)
      .send({ priceMinor: 10.5 })
      .expect(400);
    await t
      .http()
      .patch(`/api/marketplace/listings/${listingId}`)
      .set('authorization', seller.auth)
      .send({ title: { $ne: '' } })
      .expect(400);
    await t
      .http()
      .get('/api/marketplace/listings?cursor=abc')
      .set('authorization', student.auth)
      .expect(400);
    // A document on sale cannot be deleted.
    await t
      .http()
      .delete(`/api/documents/${documentId}`)
      .set('authorization', seller.auth)
      .expect(409);
  });
});

describe('Content marketplace without Stripe (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({
      env: {
        STRIPE_SECRET_KEY: undefined,
        STRIPE_WEBHOOK_SECRET: undefined,
        STRIPE_API_URL: undefined,
      },
    });
  });
  afterAll(() => t.stop());

  it('answers 503 to paid checkouts and webhooks, and still gives free content', async () => {
    const seller = await t.asTeacher();
    const { documentId } = await waterCycleBank(t.as(seller));
    const listing = async (priceMinor: number) => {
      const created = await t
        .http()
        .post('/api/marketplace/listings')
        .set('authorization', seller.auth)
        .send({
          title: `Pack at ${priceMinor}`,
          language: 'en',
          level: 'intermediate',
          documentIds: [documentId],
          priceMinor,
          currency: 'usd',
          licenceKind: 'personal',
        })
        .expect(201);
      await t
        .http()
        .patch(`/api/marketplace/listings/${created.body.id}`)
        .set('authorization', seller.auth)
        .send({ status: 'published' })
        .expect(200);
      return created.body.id as string;
    };
    const paid = await listing(500);
    const free = await listing(0);
    const buyer = await t.asStudent();
    const refused = await t
      .http()
      .post(`/api/marketplace/listings/${paid}/checkout`)
      .set('authorization', buyer.auth)
      .expect(503);
    expect(refused.body.message).toBe('Payments are not configured');
    await t
      .http()
      .post('/api/marketplace/webhooks/stripe')
      .set('content-type', 'application/json')
      .send('{}')
      .expect(503);
    await t
      .http()
      .post(`/api/marketplace/listings/${free}/claim`)
      .set('authorization', buyer.auth)
      .expect(201);
    await t.http().get(`/api/documents/${documentId}`).set('authorization', buyer.auth).expect(200);

    // Sorted by price, page by page, without repeats.
    const first = await t
      .http()
      .get('/api/marketplace/listings?sort=price-asc&limit=1')
      .set('authorization', buyer.auth)
      .expect(200);
    const second = await t
      .http()
      .get(`/api/marketplace/listings?sort=price-asc&limit=1&cursor=${first.body.next}`)
      .set('authorization', buyer.auth)
      .expect(200);
    expect([...first.body.items, ...second.body.items].map((l: { id: string }) => l.id)).toEqual([
      free,
      paid,
    ]);
    expect(second.body.next).toBeNull();
  });
});
