import { QuestionsService } from '../../src/questions/questions.service';
import { fixture, tempDataDir } from '../support/content-helpers';
import { TestApp, type SignedIn } from '../support/test-app';

const singleChoice = {
  type: 'single-choice',
  stem: 'Which process turns liquid water into vapour?',
  choices: [
    { id: 'a', text: 'Condensation' },
    { id: 'b', text: 'Evaporation' },
    { id: 'c', text: 'Precipitation' },
  ],
  correctChoiceIds: ['b'],
  topic: 'evaporation',
  difficulty: 0.3,
  explanation: 'Heat from the Sun evaporates water.',
};

describe('Questions (e2e)', () => {
  let t: TestApp;
  let questions: QuestionsService;
  const data = tempDataDir();

  beforeAll(async () => {
    t = await TestApp.start({ env: { DATA_DIR: data.dir } });
    questions = t.app.get(QuestionsService);
  });
  afterAll(async () => {
    await t.stop();
    data.remove();
  });

  const create = (user: SignedIn, body: Record<string, unknown>) =>
    t.http().post('/api/questions').set('authorization', user.auth).send(body);

  describe('validation', () => {
    let user: SignedIn;
    beforeAll(async () => {
      user = await t.asStudent();
    });

    it('creates valid questions of every type', async () => {
      const created = await create(user, singleChoice).expect(201);
      expect(created.body).toMatchObject({
        ...singleChoice,
        version: 1,
        source: 'manual',
        answer: null,
        citation: null,
      });
      await create(user, {
        type: 'multiple-choice',
        stem: 'Which of these are states of water?',
        choices: [
          { id: 'a', text: 'Ice' },
          { id: 'b', text: 'Vapour' },
          { id: 'c', text: 'Granite' },
        ],
        correctChoiceIds: ['a', 'b'],
        topic: 'water',
      }).expect(201);
      await create(user, {
        type: 'true-false',
        stem: 'The Sun drives the water cycle.',
        choices: [
          { id: 'a', text: 'True' },
          { id: 'b', text: 'False' },
        ],
        correctChoiceIds: ['a'],
        topic: 'water cycle',
      }).expect(201);
      const short = await create(user, {
        type: 'short-answer',
        stem: 'What falls from clouds as rain or snow?',
        answer: 'Precipitation',
        acceptedAnswers: ['precipitation', 'rain'],
        topic: 'precipitation',
      }).expect(201);
      expect(short.body).toMatchObject({
        answer: 'Precipitation',
        acceptedAnswers: ['Precipitation', 'precipitation', 'rain'],
        choices: [],
        difficulty: 0.5,
      });
    });

    it.each([
      [
        'repeated choices',
        {
          choices: [
            { id: 'a', text: 'Rain' },
            { id: 'b', text: ' rain ' },
          ],
          correctChoiceIds: ['a'],
        },
        'choices',
      ],
      [
        'two correct answers for single-choice',
        { correctChoiceIds: ['a', 'b'] },
        'correctChoiceIds',
      ],
      ['no correct answer', { correctChoiceIds: [] }, 'correctChoiceIds'],
      ['a correct id that is not a choice', { correctChoiceIds: ['z'] }, 'correctChoiceIds'],
      [
        'choice ids out of order',
        {
          choices: [
            { id: 'b', text: 'x' },
            { id: 'a', text: 'y' },
          ],
          correctChoiceIds: ['a'],
        },
        'choices[0].id',
      ],
      ['a missing stem', { stem: '' }, 'stem'],
      ['an unknown type', { type: 'essay' }, 'type'],
      ['a difficulty out of range', { difficulty: 1.5 }, 'difficulty'],
      [
        'a citation without a document',
        { citation: { chunkId: 'a'.repeat(24), snippet: 'x' } },
        'documentId',
      ],
    ])('rejects %s (400, nothing stored)', async (_, change, field) => {
      const before = await t.http().get('/api/questions?limit=100').set('authorization', user.auth);
      const response = await create(user, {
        ...singleChoice,
        stem: `${singleChoice.stem} (${field})`,
        ...change,
      }).expect(400);
      expect(response.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      const after = await t.http().get('/api/questions?limit=100').set('authorization', user.auth);
      expect(after.body.items).toHaveLength(before.body.items.length);
    });

    it('requires at least one correct choice for multiple-choice and exact True/False choices', async () => {
      const multiple = {
        ...singleChoice,
        type: 'multiple-choice',
        stem: 'Pick the states of water',
        correctChoiceIds: [],
      };
      await create(user, multiple).expect(400);
      const tf = await create(user, {
        ...singleChoice,
        type: 'true-false',
        stem: 'Ice floats',
        choices: [
          { id: 'a', text: 'Yes' },
          { id: 'b', text: 'No' },
        ],
        correctChoiceIds: ['a'],
      }).expect(400);
      expect(tf.body.details[0].field).toBe('choices');
    });

    it('refuses an exact repeat of an existing question (409)', async () => {
      const first = await create(user, {
        ...singleChoice,
        stem: 'What is the first step of the cycle?',
      }).expect(201);
      const again = await create(user, {
        ...singleChoice,
        stem: 'what is the FIRST step of the cycle',
        choices: [...singleChoice.choices]
          .reverse()
          .map((c, i) => ({ id: 'abc'[i], text: c.text })),
        correctChoiceIds: ['b'],
      }).expect(409);
      expect(again.body.details).toEqual({ questionId: first.body.id });
    });
  });

  it('checks citations against the owner’s document', async () => {
    const user = await t.asStudent();
    const other = await t.asStudent();
    const doc = await t
      .http()
      .post('/api/documents')
      .set('authorization', user.auth)
      .attach('file', fixture('water-cycle.txt'), 'water-cycle.txt')
      .expect(201);
    const chunks = await t.as(user).get(`/api/documents/${doc.body.id}/chunks`, 200);
    const chunk = chunks.body.items[1];
    const snippet = chunk.text.slice(10, 80);
    const cited = await create(user, {
      ...singleChoice,
      documentId: doc.body.id,
      citation: { chunkId: chunk.id, snippet },
    }).expect(201);
    expect(cited.body.citation).toEqual({
      chunkId: chunk.id,
      page: 1,
      start: chunk.start + 10,
      end: chunk.start + 80,
      snippet,
    });

    const wrongSnippet = await create(user, {
      ...singleChoice,
      stem: 'Another',
      documentId: doc.body.id,
      citation: { chunkId: chunk.id, snippet: 'words that are not in the section' },
    }).expect(400);
    expect(wrongSnippet.body.details[0].field).toBe('citation.snippet');
    const wrongRange = await create(user, {
      ...singleChoice,
      stem: 'Another one',
      documentId: doc.body.id,
      citation: { chunkId: chunk.id, snippet, start: chunk.start + 11 },
    }).expect(400);
    expect(wrongRange.body.details[0].field).toBe('citation.snippet');
    const notTheirs = await create(other, {
      ...singleChoice,
      documentId: doc.body.id,
      citation: { chunkId: chunk.id, snippet },
    }).expect(400);
    expect(notTheirs.body.details[0].field).toBe('documentId');
  });

  it('lists, filters and hides other users’ questions', async () => {
    const alice = await t.asStudent();
    const bob = await t.asStudent();
    const ids: string[] = [];
    for (const topic of ['Clouds', 'rain', 'clouds']) {
      ids.push(
        (
          await create(alice, {
            ...singleChoice,
            stem: `About ${topic} ${ids.length}`,
            topic,
          }).expect(201)
        ).body.id,
      );
    }
    const page = await t.as(alice).get('/api/questions?limit=2', 200);
    expect(page.body.items.map((q: { id: string }) => q.id)).toEqual(ids.slice(0, 2));
    const rest = await t.as(alice).get(`/api/questions?limit=2&cursor=${page.body.next}`, 200);
    expect(rest.body).toMatchObject({ items: [{ id: ids[2] }], next: null });
    const clouds = await t.as(alice).get('/api/questions?topic=CLOUDS', 200);
    expect(clouds.body.items.map((q: { id: string }) => q.id)).toEqual([ids[0], ids[2]]);

    await t.as(bob).get(`/api/questions/${ids[0]}`, 404);
    await t.as(bob).patch(`/api/questions/${ids[0]}`, { stem: 'x' }, 404);
    await t.as(bob).delete(`/api/questions/${ids[0]}`, 404);
    await t.as(bob).get(`/api/questions/${ids[0]}/versions`, 404);
    await t
      .http()
      .get('/api/questions')
      .set('authorization', bob.auth)
      .expect(200, { items: [], next: null });
  });

  describe('versions', () => {
    it('creates a version on every edit, lists them, and reverts', async () => {
      const user = await t.asStudent();
      const { body: q } = await create(user, {
        ...singleChoice,
        stem: 'Versioned question?',
      }).expect(201);
      const edited = await t
        .as(user)
        .patch(
          `/api/questions/${q.id}`,
          { stem: 'Versioned question, edited?', expectedVersion: 1 },
          200,
        );
      expect(edited.body).toMatchObject({
        version: 2,
        stem: 'Versioned question, edited?',
        choices: singleChoice.choices,
      });
      await t
        .as(user)
        .patch(`/api/questions/${q.id}`, { stem: 'stale edit', expectedVersion: 1 }, 409);
      const third = await t
        .as(user)
        .patch(`/api/questions/${q.id}`, { type: 'short-answer', answer: 'Evaporation' }, 200);
      expect(third.body).toMatchObject({
        version: 3,
        type: 'short-answer',
        choices: [],
        correctChoiceIds: [],
        answer: 'Evaporation',
      });
      // An edit that changes nothing makes no version.
      await t.as(user).patch(`/api/questions/${q.id}`, { answer: 'Evaporation' }, 200);
      // An invalid edit changes nothing.
      await t.as(user).patch(`/api/questions/${q.id}`, { answer: '' }, 400);

      const versions = await t.as(user).get(`/api/questions/${q.id}/versions`, 200);
      expect(
        versions.body.items.map((v: { version: number; reason: string }) => [v.version, v.reason]),
      ).toEqual([
        [1, 'created'],
        [2, 'edited'],
        [3, 'edited'],
      ]);
      const v1 = await t.as(user).get(`/api/questions/${q.id}/versions/1`, 200);
      expect(v1.body).toMatchObject({ stem: 'Versioned question?', type: 'single-choice' });
      await t.as(user).get(`/api/questions/${q.id}/versions/9`, 404);
      await t.as(user).get(`/api/questions/${q.id}/versions/zero`, 400);

      const reverted = await t
        .http()
        .post(`/api/questions/${q.id}/versions/1/revert`)
        .set('authorization', user.auth)
        .expect(200);
      expect(reverted.body).toMatchObject({
        version: 4,
        stem: 'Versioned question?',
        type: 'single-choice',
        correctChoiceIds: ['b'],
      });
      const after = await t.as(user).get(`/api/questions/${q.id}/versions`, 200);
      expect(after.body.items.at(-1)).toMatchObject({
        version: 4,
        reason: 'reverted',
        revertedFrom: 1,
      });
    });

    it('getVersion gives the question as it was when it was answered', async () => {
      const user = await t.asStudent();
      const { body: q } = await create(user, {
        ...singleChoice,
        stem: 'Answered before an edit?',
      }).expect(201);
      await t.as(user).patch(`/api/questions/${q.id}`, { correctChoiceIds: ['a'] }, 200);
      const old = await questions.getVersionUnchecked(q.id, 1);
      expect(old).toMatchObject({
        id: q.id,
        version: 1,
        correctChoiceIds: ['b'],
        stem: 'Answered before an edit?',
      });
      expect((await questions.getVersionUnchecked(q.id, 2)).correctChoiceIds).toEqual(['a']);
      await expect(questions.getVersionUnchecked(q.id, 3)).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('the contract other modules use', () => {
    it('findForPractice, getById, getManyUnchecked, recordOutcome and markUsedInTest', async () => {
      const alice = await t.asStudent();
      const bob = await t.asStudent();
      const doc = await t
        .http()
        .post('/api/documents')
        .set('authorization', alice.auth)
        .attach('file', fixture('photosynthesis.md'), 'photosynthesis.md')
        .expect(201);
      const a = (
        await create(alice, {
          ...singleChoice,
          stem: 'Q about light',
          topic: 'Light',
          documentId: doc.body.id,
        }).expect(201)
      ).body;
      const b = (
        await create(alice, { ...singleChoice, stem: 'Q about water', topic: 'water' }).expect(201)
      ).body;
      await create(bob, { ...singleChoice, stem: 'Bob’s question' }).expect(201);

      expect((await questions.findForPractice(alice.id, { limit: 10 })).map((q) => q.id)).toEqual([
        a.id,
        b.id,
      ]);
      expect(
        (await questions.findForPractice(alice.id, { limit: 10, documentId: doc.body.id })).map(
          (q) => q.id,
        ),
      ).toEqual([a.id]);
      expect(
        (await questions.findForPractice(alice.id, { limit: 10, topics: ['LIGHT'] })).map(
          (q) => q.id,
        ),
      ).toEqual([a.id]);
      expect(await questions.findForPractice(alice.id, { limit: 1 })).toHaveLength(1);
      const full = await questions.getById(alice.id, a.id);
      expect(full).toMatchObject({
        ownerId: alice.id,
        documentId: doc.body.id,
        correctChoiceIds: ['b'],
        answerCount: 0,
      });
      await expect(questions.getById(bob.id, a.id)).rejects.toMatchObject({ status: 404 });
      expect((await questions.getManyUnchecked([b.id, 'nonsense', a.id])).map((q) => q.id)).toEqual(
        [b.id, a.id],
      );

      await questions.recordOutcome(a.id, true);
      await questions.recordOutcome(a.id, false);
      expect(await questions.getById(alice.id, a.id)).toMatchObject({
        answerCount: 2,
        correctCount: 1,
      });

      await questions.markUsedInTest([a.id]);
      await t.as(alice).delete(`/api/documents/${doc.body.id}`, 409);
    });

    it('archives a deleted question that a test used, keeping its versions for old answers', async () => {
      const user = await t.asStudent();
      const used = (await create(user, { ...singleChoice, stem: 'Used in a test' }).expect(201))
        .body;
      const unused = (await create(user, { ...singleChoice, stem: 'Never used' }).expect(201)).body;
      await questions.markUsedInTest([used.id]);
      await t.as(user).delete(`/api/questions/${used.id}`, 204);
      await t.as(user).delete(`/api/questions/${unused.id}`, 204);
      await t.as(user).get(`/api/questions/${used.id}`, 404);
      expect(await questions.findForPractice(user.id, { limit: 10 })).toEqual([]);
      expect((await questions.getVersionUnchecked(used.id, 1)).stem).toBe('Used in a test');
      await expect(questions.getVersionUnchecked(unused.id, 1)).rejects.toMatchObject({
        status: 404,
      });
    });
  });
});
