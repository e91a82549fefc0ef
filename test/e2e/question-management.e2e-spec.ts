import { QuestionsService } from '../../src/questions/questions.service';
import { tempDataDir, waitForJob } from '../support/content-helpers';
import { uploadDocument } from '../support/factories/documents';
import { TestApp, type SignedIn } from '../support/test-app';

const MIN_ANSWERS = 5;

const question = (stem: string, over: Record<string, unknown> = {}) => ({
  type: 'single-choice',
  stem,
  choices: [
    { id: 'a', text: 'Condensation' },
    { id: 'b', text: 'Evaporation' },
    { id: 'c', text: 'Precipitation' },
  ],
  correctChoiceIds: ['b'],
  topic: 'water cycle',
  difficulty: 0.5,
  explanation: '',
  ...over,
});

/** The content of a question that export and import carry. */
const portable = (q: Record<string, unknown>) => ({
  type: q.type,
  stem: q.stem,
  choices: q.choices,
  correctChoiceIds: q.correctChoiceIds,
  answer: q.answer,
  acceptedAnswers: q.acceptedAnswers,
  topic: q.topic,
  difficulty: q.difficulty,
  explanation: q.explanation,
  documentId: q.documentId,
  citation: q.citation,
});

describe('Question management (e2e)', () => {
  let t: TestApp;
  const data = tempDataDir();

  beforeAll(async () => {
    t = await TestApp.start({
      env: { DATA_DIR: data.dir, RECALIBRATION_MIN_ANSWERS: String(MIN_ANSWERS) },
    });
  });
  afterAll(async () => {
    await t.stop();
    data.remove();
  });

  const create = async (user: SignedIn, body: Record<string, unknown>) =>
    (await t.as(user).post('/api/questions', body, 201)).body;

  const all = async (user: SignedIn) =>
    (await t.as(user).get('/api/questions?limit=100', 200)).body.items as Record<string, unknown>[];

  const exportBank = async (user: SignedIn, format: 'csv' | 'json', query = '') => {
    const response = await t
      .http()
      .get(`/api/question-management/bulk/export?format=${format}${query}`)
      .set('authorization', user.auth)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (part: string) => (text += part));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    return { text: response.body as string, headers: response.headers };
  };

  const importBank = (user: SignedIn, text: string, filename: string, query = '', key?: string) => {
    const request = t
      .http()
      .post(`/api/question-management/bulk/import${query}`)
      .set('authorization', user.auth);
    if (key) request.set('idempotency-key', key);
    return request.attach('file', Buffer.from(text), filename);
  };

  async function generated(user: SignedIn, fixtureName: string, count: number) {
    const doc = await uploadDocument(t.as(user), fixtureName);
    const accepted = await t
      .as(user)
      .post(`/api/documents/${doc.id}/questions/generate`, { count }, 202);
    expect((await waitForJob(t, user.auth, accepted.body.id)).status).toBe('succeeded');
    return doc;
  }

  describe('similar questions', () => {
    it('lists the owner’s questions by cosine similarity above the threshold', async () => {
      const user = await t.asStudent();
      const target = await create(
        user,
        question('Which process turns liquid water into water vapour?'),
      );
      const close = await create(
        user,
        question('Which process turns liquid water into vapour in the air?'),
      );
      const far = await create(
        user,
        question('Who stormed the Bastille in 1789?', { topic: 'revolution' }),
      );
      const other = await t.asStudent();
      await create(other, question('Which process turns liquid water into water vapour?'));

      const response = await t
        .as(user)
        .get(`/api/question-management/${target.id}/similar?threshold=0.3`, 200);
      expect(response.body.items.map((i: { question: { id: string } }) => i.question.id)).toEqual([
        close.id,
      ]);
      expect(response.body.items[0].similarity).toBeGreaterThan(0.5);
      expect(response.body.items[0].similarity).toBeLessThanOrEqual(1);
      const everything = await t
        .as(user)
        .get(`/api/question-management/${target.id}/similar?threshold=0`, 200);
      expect(everything.body.items.map((i: { question: { id: string } }) => i.question.id)).toEqual(
        [close.id, far.id],
      );
      await t.as(user).get(`/api/question-management/${target.id}/similar?threshold=2`, 400);
      await t.as(other).get(`/api/question-management/${target.id}/similar`, 404);
    });
  });

  describe('difficulty recalibration', () => {
    it('needs enough answers, then reports the old and new difficulty and the sample size', async () => {
      const user = await t.asStudent();
      const q = await create(user, question('Recalibrate me?', { difficulty: 0.2 }));
      const questions = t.app.get(QuestionsService);
      for (let i = 0; i < MIN_ANSWERS - 1; i++) await questions.recordOutcome(q.id, i === 0);
      const early = await t
        .http()
        .put(`/api/question-management/${q.id}/recalibrate`)
        .set('authorization', user.auth)
        .expect(409);
      expect(early.body.details).toEqual({ sampleSize: MIN_ANSWERS - 1, required: MIN_ANSWERS });
      await questions.recordOutcome(q.id, false);

      const result = await t
        .http()
        .put(`/api/question-management/${q.id}/recalibrate`)
        .set('authorization', user.auth)
        .expect(200);
      expect(result.body).toEqual({
        questionId: q.id,
        oldDifficulty: 0.2,
        newDifficulty: 0.8,
        sampleSize: 5,
        correctCount: 1,
        version: 2,
        changed: true,
      });
      const versions = await t.as(user).get(`/api/questions/${q.id}/versions`, 200);
      expect(versions.body.items.at(-1)).toMatchObject({
        version: 2,
        reason: 'recalibrated',
        difficulty: 0.8,
      });
      const again = await t
        .http()
        .put(`/api/question-management/${q.id}/recalibrate`)
        .set('authorization', user.auth)
        .expect(200);
      expect(again.body).toMatchObject({
        oldDifficulty: 0.8,
        newDifficulty: 0.8,
        version: 2,
        changed: false,
      });
      const other = await t.asStudent();
      await t
        .http()
        .put(`/api/question-management/${q.id}/recalibrate`)
        .set('authorization', other.auth)
        .expect(404);
    });
  });

  describe('bulk export and import', () => {
    it.each(['json', 'csv'] as const)(
      'an export (%s) re-imported gives the same questions',
      async (format) => {
        const user = await t.asStudent();
        const doc = await generated(user, 'photosynthesis.md', 8);
        await create(user, question('=1+2 is a formula?', { explanation: '@SUM(A1) -2 +3' }));
        await create(user, {
          type: 'short-answer',
          stem: 'Which gas do leaves take in?',
          answer: 'Carbon dioxide',
          acceptedAnswers: ['CO2'],
          topic: 'gases',
          documentId: doc.id,
        });
        const before = await all(user);
        expect(before).toHaveLength(10);

        const exported = await exportBank(user, format);
        expect(exported.headers['content-type']).toContain(
          format === 'csv' ? 'text/csv' : 'application/json',
        );
        expect(exported.headers['content-disposition']).toContain(`questions.${format}`);
        if (format === 'csv') {
          expect(exported.text).toContain("'=1+2 is a formula?");
          expect(exported.text).toContain("'@SUM(A1) -2 +3");
          expect(exported.text).not.toMatch(/(^|,)[=+\-@]/m);
        }
        // Import into an empty bank: delete everything first.
        for (const q of before) await t.as(user).delete(`/api/questions/${q.id}`, 204);
        expect(await all(user)).toEqual([]);

        const report = await importBank(user, exported.text, `bank.${format}`).expect(201);
        expect(report.body).toMatchObject({
          format,
          mode: 'all-or-nothing',
          total: 10,
          valid: 10,
          invalid: 0,
          duplicates: 0,
          imported: 10,
        });
        expect(
          report.body.rows.every((r: { warnings: unknown[] }) => r.warnings.length === 0),
        ).toBe(true);
        const after = await all(user);
        expect(after.map(portable)).toEqual(before.map(portable));
        expect(after.every((q) => q.source === 'imported')).toBe(true);

        // The same file again: every row repeats a question and is skipped.
        const again = await importBank(user, exported.text, `bank.${format}`).expect(201);
        expect(again.body).toMatchObject({ total: 10, duplicates: 10, imported: 0 });
        expect(again.body.rows[0]).toMatchObject({
          status: 'duplicate',
          duplicateOf: { questionId: after[0].id },
        });
        expect(await all(user)).toHaveLength(10);
      },
    );

    it('exports one document’s questions and streams an empty bank', async () => {
      const user = await t.asStudent();
      const empty = await exportBank(user, 'json');
      expect(JSON.parse(empty.text)).toEqual({ questions: [] });
      const doc = await generated(user, 'water-cycle.txt', 3);
      await create(user, question('Not about the document'));
      const onlyDoc = JSON.parse((await exportBank(user, 'json', `&documentId=${doc.id}`)).text);
      expect(onlyDoc.questions).toHaveLength(3);
      expect(onlyDoc.questions.every((q: { documentId: string }) => q.documentId === doc.id)).toBe(
        true,
      );
      await t
        .as(user)
        .get(`/api/question-management/bulk/export?documentId=${'f'.repeat(24)}`, 404);
      await t.as(user).get('/api/question-management/bulk/export?format=xml', 400);
    });

    it('imports another user’s export without their sources, with warnings', async () => {
      const alice = await t.asStudent();
      const bob = await t.asStudent();
      await generated(alice, 'water-cycle.txt', 3);
      const exported = await exportBank(alice, 'json');
      const report = await importBank(bob, exported.text, 'bank.json').expect(201);
      expect(report.body).toMatchObject({ imported: 3, invalid: 0 });
      expect(report.body.rows[0].warnings).toEqual([
        expect.objectContaining({ field: 'citation' }),
      ]);
      const imported = await all(bob);
      expect(imported.every((q) => q.documentId === null && q.citation === null)).toBe(true);
    });

    describe('validation', () => {
      let user: SignedIn;
      const rows = () => [
        question('Valid row one?'),
        question('Invalid row: two correct answers?', { correctChoiceIds: ['a', 'b'] }),
        question('Valid row two?'),
        { ...question('Invalid row: no type'), type: 'essay' },
        question('Valid row one?'),
      ];
      beforeAll(async () => {
        user = await t.asStudent();
      });

      it('validates every row first and imports nothing by default when one is invalid (422)', async () => {
        const response = await importBank(
          user,
          JSON.stringify({ questions: rows() }),
          'bank.json',
        ).expect(422);
        expect(response.body.message).toBe('2 of 5 rows are invalid; nothing was imported');
        const report = response.body.details;
        expect(report.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
          [1, 'skipped'],
          [2, 'invalid'],
          [3, 'skipped'],
          [4, 'invalid'],
          [5, 'duplicate'],
        ]);
        expect(report.rows[1].errors).toEqual([
          expect.objectContaining({ field: 'correctChoiceIds' }),
        ]);
        expect(report.rows[3].errors).toEqual([expect.objectContaining({ field: 'type' })]);
        expect(report.rows[4].duplicateOf).toEqual({ row: 1 });
        expect(await all(user)).toEqual([]);
      });

      it('imports only the valid rows in valid-only mode', async () => {
        const response = await importBank(
          user,
          JSON.stringify(rows()),
          'bank.json',
          '?mode=valid-only',
        ).expect(201);
        expect(response.body).toMatchObject({
          mode: 'valid-only',
          total: 5,
          valid: 3,
          invalid: 2,
          duplicates: 1,
          imported: 2,
        });
        expect((await all(user)).map((q) => q.stem)).toEqual(['Valid row one?', 'Valid row two?']);
      });

      it('reports bad CSV rows with their row numbers', async () => {
        const other = await t.asStudent();
        const header =
          'type,stem,choice_a,choice_b,choice_c,choice_d,choice_e,choice_f,correct,answer,accepted_answers,difficulty,topic,explanation,chunk_id,chunk_index,page,start,end,snippet';
        const csv = [
          header,
          'single-choice,Good?,Yes,No,,,,,a,,,0.5,t,,,,,,,',
          'single-choice,Same choices?,Yes,yes,,,,,a,,,0.5,t,,,,,,,',
          'short-answer,Capital of France?,,,,,,,,Paris,,0.3,geo,,,,,,,',
        ].join('\n');
        const response = await importBank(other, csv, 'bank.csv').expect(422);
        expect(response.body.details.rows.map((r: { status: string }) => r.status)).toEqual([
          'skipped',
          'invalid',
          'skipped',
        ]);
        expect(response.body.details.rows[1].errors[0]).toMatchObject({ field: 'choices' });
        const ok = await importBank(other, csv, 'bank.csv', '?mode=valid-only').expect(201);
        expect(ok.body.imported).toBe(2);
      });

      it('rejects unreadable files and wrong requests, importing nothing', async () => {
        const other = await t.asStudent();
        await importBank(other, '{ not json', 'bank.json').expect(400);
        await importBank(other, 'type,stem\nx,y', 'bank.csv').expect(400);
        await importBank(other, '[]', 'bank.txt').expect(415);
        await importBank(other, '', 'bank.json').expect(400);
        await importBank(other, '[]', 'bank.json', '?mode=some').expect(400);
        await t.as(other).post('/api/question-management/bulk/import', { questions: [] }, 415);
        expect(await all(other)).toEqual([]);
      });

      it('a retried import with the same Idempotency-Key imports once', async () => {
        const other = await t.asStudent();
        const body = JSON.stringify([
          question('Retried import one?'),
          question('Retried import two?'),
        ]);
        const first = await importBank(other, body, 'bank.json', '', 'import-1').expect(201);
        const retry = await importBank(other, body, 'bank.json', '', 'import-1').expect(201);
        expect(first.body.imported).toBe(2);
        expect(retry.body).toMatchObject({ imported: 2, duplicates: 0 });
        expect(retry.body.rows.map((r: { questionId: string }) => r.questionId)).toEqual(
          first.body.rows.map((r: { questionId: string }) => r.questionId),
        );
        expect(await all(other)).toHaveLength(2);
      });
    });
  });
});
