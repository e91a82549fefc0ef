import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { utimesSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentsService } from '../../src/documents/documents.service';
import { QuestionsService } from '../../src/questions/questions.service';
import { fixture, squash, tempDataDir } from '../support/content-helpers';
import { TestApp, type SignedIn } from '../support/test-app';

const UPLOAD_LIMIT = 64 * 1024;

const FIXTURE_TYPES = [
  { name: 'water-cycle.txt', kind: 'text', title: 'The Water Cycle', pages: 1 },
  { name: 'photosynthesis.md', kind: 'markdown', title: 'Photosynthesis', pages: 1 },
  { name: 'plate-tectonics.pdf', kind: 'pdf', title: 'Plate Tectonics', pages: 3 },
  { name: 'french-revolution.docx', kind: 'docx', title: 'The French Revolution', pages: 3 },
] as const;

describe('Documents (e2e)', () => {
  let t: TestApp;
  let db: Connection;
  const data = tempDataDir();

  beforeAll(async () => {
    t = await TestApp.start({
      env: { DATA_DIR: data.dir, UPLOAD_MAX_BYTES: String(UPLOAD_LIMIT) },
    });
    db = t.app.get<Connection>(getConnectionToken());
  });
  afterAll(async () => {
    await t.stop();
    data.remove();
  });

  const upload = (
    user: SignedIn,
    name: string,
    body: Buffer = fixture(name),
    contentType?: string,
  ) =>
    t
      .http()
      .post('/api/documents')
      .set('authorization', user.auth)
      .attach('file', body, contentType ? { filename: name, contentType } : name);

  const counts = async () => ({
    documents: await db.collection('documents').countDocuments(),
    chunks: await db.collection('document_chunks').countDocuments(),
    files: data.files(),
  });

  async function allChunks(user: SignedIn, id: string) {
    const chunks: {
      id: string;
      index: number;
      page: number;
      start: number;
      end: number;
      text: string;
    }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: typeof chunks; next: string | null } } = await t
        .http()
        .get(`/api/documents/${id}/chunks`)
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set('authorization', user.auth)
        .expect(200);
      chunks.push(...page.body.items);
      cursor = page.body.next;
    } while (cursor);
    return chunks;
  }

  describe.each(FIXTURE_TYPES)('uploading $name', ({ name, kind, title, pages }) => {
    it('extracts pages, sections, title and topics, and keeps the original for download', async () => {
      const user = await t.asStudent();
      const original = fixture(name);
      const created = await upload(user, name).expect(201);
      expect(created.body).toMatchObject({
        filename: name,
        kind,
        title,
        pageCount: pages,
        sizeBytes: original.length,
      });
      expect(created.body.topics.length).toBeGreaterThan(2);
      expect(created.body.keyTerms[0]).toEqual({
        text: expect.any(String),
        kind: expect.any(String),
        count: expect.any(Number),
      });
      expect(data.files()).toContain(created.body.id);
      expect(data.filesDir()).toBe(join(data.dir, 'files', db.name));

      const chunks = await allChunks(user, created.body.id);
      expect(chunks).toHaveLength(created.body.chunkCount);
      expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
      expect(new Set(chunks.map((c) => c.page))).toEqual(
        new Set(Array.from({ length: pages }, (_, i) => i + 1)),
      );
      for (const [i, chunk] of chunks.entries()) {
        expect(chunk.end - chunk.start).toBe(chunk.text.length);
        if (i > 0) expect(chunk.start).toBeGreaterThanOrEqual(chunks[i - 1].end);
      }
      if (kind === 'text') {
        const text = original.toString('utf8');
        for (const chunk of chunks) expect(text).toContain(chunk.text);
      }

      const file = await t
        .http()
        .get(`/api/documents/${created.body.id}/file`)
        .set('authorization', user.auth)
        .buffer(true)
        .parse((res, done) => {
          const parts: Buffer[] = [];
          res.on('data', (part: Buffer) => parts.push(part));
          res.on('end', () => done(null, Buffer.concat(parts)));
        })
        .expect(200);
      expect(Buffer.compare(file.body as Buffer, original)).toBe(0);
      expect(file.headers['content-disposition']).toContain(`filename="${name}"`);
    });
  });

  it('lists only the owner’s documents, paginated, and hides them from others (404)', async () => {
    const alice = await t.asStudent();
    const bob = await t.asStudent();
    const ids: string[] = [];
    for (const { name } of FIXTURE_TYPES) ids.push((await upload(alice, name).expect(201)).body.id);
    await upload(bob, 'water-cycle.txt').expect(201);

    const first = await t.as(alice).get('/api/documents?limit=3', 200);
    expect(first.body.items.map((d: { id: string }) => d.id)).toEqual(ids.slice(0, 3));
    const second = await t.as(alice).get(`/api/documents?limit=3&cursor=${first.body.next}`, 200);
    expect(second.body.items.map((d: { id: string }) => d.id)).toEqual(ids.slice(3));
    expect(second.body.next).toBeNull();

    for (const path of ['', '/file', '/chunks'])
      await t.as(bob).get(`/api/documents/${ids[0]}${path}`, 404);
    await t.as(bob).patch(`/api/documents/${ids[0]}`, { title: 'Mine' }, 404);
    await t.as(bob).delete(`/api/documents/${ids[0]}`, 404);
    await t.as(alice).get('/api/documents/not-an-id', 400);
    await t.http().get('/api/documents').expect(401);
  });

  it('renames a document, validating the title', async () => {
    const user = await t.asStudent();
    const { body } = await upload(user, 'photosynthesis.md').expect(201);
    const renamed = await t
      .as(user)
      .patch(`/api/documents/${body.id}`, { title: '  Plants and light  ' }, 200);
    expect(renamed.body.title).toBe('Plants and light');
    await t.as(user).patch(`/api/documents/${body.id}`, { title: '' }, 400);
    await t.as(user).patch(`/api/documents/${body.id}`, { title: 'x', extra: 1 }, 400);
    const again = await t.as(user).get(`/api/documents/${body.id}`, 200);
    expect(again.body.title).toBe('Plants and light');
  });

  it('deletes a document with its sections, questions and file', async () => {
    const user = await t.asStudent();
    const { body } = await upload(user, 'water-cycle.txt').expect(201);
    const question = await makeQuestion(user, body.id);
    await t.as(user).delete(`/api/documents/${body.id}`, 204);
    await t.as(user).get(`/api/documents/${body.id}`, 404);
    await t.as(user).get(`/api/questions/${question}`, 404);
    expect(
      await db
        .collection('document_chunks')
        .countDocuments({ documentId: new Types.ObjectId(body.id) }),
    ).toBe(0);
    expect(
      await db.collection('questions').countDocuments({ documentId: new Types.ObjectId(body.id) }),
    ).toBe(0);
    expect(data.files()).not.toContain(body.id);
  });

  it('refuses with 409 to delete a document whose questions a test uses, changing nothing', async () => {
    const user = await t.asStudent();
    const { body } = await upload(user, 'water-cycle.txt').expect(201);
    const questionId = await makeQuestion(user, body.id);
    await t.app.get(QuestionsService).markUsedInTest([questionId]);
    const refused = await t.as(user).delete(`/api/documents/${body.id}`, 409);
    expect(refused.body.message).toMatch(/used by tests/);
    await t.as(user).get(`/api/documents/${body.id}`, 200);
    await t.as(user).get(`/api/questions/${questionId}`, 200);
    expect(data.files()).toContain(body.id);
  });

  describe('bad input gets a clear 4xx and leaves nothing behind', () => {
    let user: SignedIn;
    beforeAll(async () => {
      user = await t.asStudent();
    });

    it.each([
      ['an empty file', 'empty.txt', undefined, 400, /empty/],
      ['a PDF named .txt', 'pdf-renamed.txt', undefined, 415, /content is a PDF/],
      [
        'a declared type that does not match',
        'water-cycle.txt',
        'application/pdf',
        415,
        /does not match/,
      ],
      ['a text file that is not UTF-8', 'not-utf8.txt', undefined, 415, /UTF-8/],
      ['an encrypted PDF', 'encrypted.pdf', undefined, 422, /password/],
      ['a corrupt PDF', 'corrupt.pdf', undefined, 422, /damaged/],
      ['a zip bomb inside a DOCX', 'bomb.docx', undefined, 422, /refused/],
      ['a zip bomb lying about its sizes', 'bomb-lying-sizes.docx', undefined, 422, /refused/],
    ])('%s', async (_, name, contentType, status, message) => {
      const before = await counts();
      const response = await upload(user, name, fixture(name), contentType).expect(status);
      expect(response.body).toMatchObject({
        statusCode: status,
        message: expect.stringMatching(message),
        requestId: expect.any(String),
      });
      expect(await counts()).toEqual(before);
    });

    it('a file over the limit (413)', async () => {
      const before = await counts();
      const big = Buffer.from('The water cycle moves water around the Earth. '.repeat(2000));
      expect(big.length).toBeGreaterThan(UPLOAD_LIMIT);
      const response = await upload(user, 'big.txt', big).expect(413);
      expect(response.body.message).toMatch(/larger than the limit/);
      expect(await counts()).toEqual(before);
    });

    it('an unsupported file type, a body that is not multipart, and a missing file part', async () => {
      const before = await counts();
      await upload(user, 'notes.rtf', Buffer.from('{\\rtf1 hello}')).expect(415);
      await t.as(user).post('/api/documents', { file: 'x' }, 415);
      await t
        .http()
        .post('/api/documents')
        .set('authorization', user.auth)
        .field('title', 'no file')
        .expect(400);
      await t
        .http()
        .post('/api/documents')
        .set('authorization', user.auth)
        .attach('document', fixture('water-cycle.txt'), 'water-cycle.txt')
        .expect(400);
      expect(await counts()).toEqual(before);
      await t
        .http()
        .get('/api/documents')
        .set('authorization', user.auth)
        .expect(200, { items: [], next: null });
    });
  });

  it('documents the content routes, including when deletion is refused', async () => {
    const docs = await t.http().get('/docs-json').expect(200);
    const paths = docs.body.paths as Record<
      string,
      Record<string, { responses: Record<string, unknown> }>
    >;
    for (const path of [
      '/api/documents',
      '/api/documents/{id}/file',
      '/api/documents/{id}/questions/generate',
      '/api/generation-jobs/{id}',
      '/api/questions/{id}/versions/{version}/revert',
      '/api/question-management/bulk/import',
      '/api/question-management/bulk/export',
      '/api/question-management/{id}/similar',
      '/api/question-management/{id}/recalibrate',
    ])
      expect(paths[path]).toBeDefined();
    expect(paths['/api/documents/{id}'].delete.responses['409']).toEqual({
      description: 'A test or session uses some of its questions',
    });
  });

  describe('repairing what a crash left behind', () => {
    const later = () => new Date(t.clock.now().getTime() + 60 * 60 * 1000);
    const aged = (path: string) => utimesSync(path, new Date(2000, 0, 1), new Date(2000, 0, 1));

    it('completes an upload whose file was written and chunks stored but not yet marked ready', async () => {
      const user = await t.asStudent();
      const { body } = await upload(user, 'photosynthesis.md').expect(201);
      // The state right before the rename: pending, file still under its temporary name.
      await db
        .collection('documents')
        .updateOne({ _id: new Types.ObjectId(body.id) }, { $set: { status: 'pending' } });
      renameSync(join(data.filesDir(), body.id), join(data.filesDir(), `${body.id}.part`));
      await t.as(user).get(`/api/documents/${body.id}`, 404);

      const report = await t.app.get(DocumentsService).repair(later());
      expect(report.completed).toBeGreaterThanOrEqual(1);
      await t.as(user).get(`/api/documents/${body.id}`, 200);
      expect(data.files()).toContain(body.id);
      expect(data.files()).not.toContain(`${body.id}.part`);
    });

    it('removes an upload that crashed before its chunks were all stored', async () => {
      const user = await t.asStudent();
      const { body } = await upload(user, 'water-cycle.txt').expect(201);
      await db
        .collection('documents')
        .updateOne({ _id: new Types.ObjectId(body.id) }, { $set: { status: 'pending' } });
      await db
        .collection('document_chunks')
        .deleteOne({ documentId: new Types.ObjectId(body.id), index: 0 });

      await t.app.get(DocumentsService).repair(later());
      expect(
        await db.collection('documents').countDocuments({ _id: new Types.ObjectId(body.id) }),
      ).toBe(0);
      expect(
        await db
          .collection('document_chunks')
          .countDocuments({ documentId: new Types.ObjectId(body.id) }),
      ).toBe(0);
      expect(data.files()).not.toContain(body.id);
    });

    it('finishes a deletion that crashed half-way', async () => {
      const user = await t.asStudent();
      const { body } = await upload(user, 'water-cycle.txt').expect(201);
      await makeQuestion(user, body.id);
      await db
        .collection('documents')
        .updateOne({ _id: new Types.ObjectId(body.id) }, { $set: { status: 'deleting' } });

      await t.app.get(DocumentsService).repair(later());
      expect(
        await db.collection('documents').countDocuments({ _id: new Types.ObjectId(body.id) }),
      ).toBe(0);
      expect(
        await db
          .collection('questions')
          .countDocuments({ documentId: new Types.ObjectId(body.id) }),
      ).toBe(0);
      expect(data.files()).not.toContain(body.id);
    });

    it('deletes old files that have no document, and keeps recent ones', async () => {
      const orphan = new Types.ObjectId().toHexString();
      const fresh = new Types.ObjectId().toHexString();
      writeFileSync(join(data.filesDir(), `${orphan}.part`), 'half an upload');
      aged(join(data.filesDir(), `${orphan}.part`));
      writeFileSync(join(data.filesDir(), fresh), 'an upload in progress elsewhere');

      const report = await t.app.get(DocumentsService).repair(new Date(Date.now() - 60_000));
      expect(report.orphanFiles).toBe(1);
      expect(data.files()).not.toContain(`${orphan}.part`);
      expect(data.files()).toContain(fresh);
    });
  });

  /** A manual question citing the document's first section. */
  async function makeQuestion(user: SignedIn, documentId: string): Promise<string> {
    const [chunk] = await allChunks(user, documentId);
    const sentence = chunk.text.split(/(?<=\.)\s/)[1] ?? chunk.text;
    const word = squash(sentence)
      .split(' ')
      .sort((a, b) => b.length - a.length)[0]
      .replace(/[^\p{L}]/gu, '');
    const created = await t.as(user).post(
      '/api/questions',
      {
        documentId,
        type: 'short-answer',
        stem: `Which word is missing? ${sentence.replace(word, '_____')}`,
        answer: word,
        topic: 'water',
        citation: { chunkId: chunk.id, snippet: sentence },
      },
      201,
    );
    return created.body.id;
  }
});
