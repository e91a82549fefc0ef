import { waitForJob } from '../support/content-helpers';
import { uploadDocument } from '../support/factories/documents';
import { TestApp } from '../support/test-app';

/** A teacher publishes a document; every student can read it and practise on its questions, nobody can change it. */
describe('Shared library (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('publishes, lists, shares for practice, and withdraws', async () => {
    const teacher = await t.asTeacher();
    const student = await t.asStudent();
    const document = await uploadDocument(t.as(teacher), 'photosynthesis.md');
    const generate = await t
      .http()
      .post(`/api/documents/${document.id}/questions/generate`)
      .set('authorization', teacher.auth)
      .send({ count: 4, types: ['single-choice'] })
      .expect(202);
    expect((await waitForJob(t, teacher.auth, generate.body.id)).status).toBe('succeeded');

    // Private until published: the student cannot see it or practise on it.
    await t
      .http()
      .get(`/api/documents/${document.id}`)
      .set('authorization', student.auth)
      .expect(404);
    await t
      .http()
      .post('/api/sessions')
      .set('authorization', student.auth)
      .send({ documentId: document.id, questionCount: 2, mode: 'practice' })
      .expect((response) => expect([404, 422, 400]).toContain(response.status));

    // Only the owner, and only a teacher or admin, publishes.
    await t
      .http()
      .put(`/api/documents/${document.id}/published`)
      .set('authorization', student.auth)
      .send({ published: true })
      .expect(403);
    const other = await t.asTeacher();
    await t
      .http()
      .put(`/api/documents/${document.id}/published`)
      .set('authorization', other.auth)
      .send({ published: true })
      .expect(404);
    await t
      .http()
      .put(`/api/documents/${document.id}/published`)
      .set('authorization', teacher.auth)
      .send({ published: 'yes' })
      .expect(400);
    const published = await t
      .http()
      .put(`/api/documents/${document.id}/published`)
      .set('authorization', teacher.auth)
      .send({ published: true })
      .expect(200);
    expect(published.body.published).toBe(true);

    const library = await t
      .http()
      .get('/api/documents?scope=library')
      .set('authorization', student.auth)
      .expect(200);
    expect(library.body.items.map((d: { id: string }) => d.id)).toEqual([document.id]);
    expect(library.body.items[0].ownerId).toBeUndefined();
    const mine = await t
      .http()
      .get('/api/documents')
      .set('authorization', student.auth)
      .expect(200);
    expect(mine.body.items).toEqual([]);
    await t
      .http()
      .get('/api/documents?scope=everyone')
      .set('authorization', student.auth)
      .expect(400);

    // Readable and practicable, never writable, by others.
    await t
      .http()
      .get(`/api/documents/${document.id}`)
      .set('authorization', student.auth)
      .expect(200);
    await t
      .http()
      .get(`/api/documents/${document.id}/file`)
      .set('authorization', student.auth)
      .expect(200);
    await t
      .http()
      .get(`/api/documents/${document.id}/chunks`)
      .set('authorization', student.auth)
      .expect(200);
    await t
      .http()
      .patch(`/api/documents/${document.id}`)
      .set('authorization', student.auth)
      .send({ title: 'x' })
      .expect(404);
    await t
      .http()
      .delete(`/api/documents/${document.id}`)
      .set('authorization', student.auth)
      .expect(404);
    const session = await t
      .http()
      .post('/api/sessions')
      .set('authorization', student.auth)
      .send({ documentId: document.id, questionCount: 2, mode: 'practice' })
      .expect(201);
    const next = await t
      .http()
      .get(`/api/sessions/${session.body.id}/next`)
      .set('authorization', student.auth)
      .expect(200);
    expect(JSON.stringify(next.body)).not.toMatch(/correctChoiceIds|acceptedAnswers/);

    // Withdrawn: gone from the library and no new sessions, the existing session stays the student's.
    await t
      .http()
      .put(`/api/documents/${document.id}/published`)
      .set('authorization', teacher.auth)
      .send({ published: false })
      .expect(200);
    const after = await t
      .http()
      .get('/api/documents?scope=library')
      .set('authorization', student.auth)
      .expect(200);
    expect(after.body.items).toEqual([]);
    await t
      .http()
      .get(`/api/documents/${document.id}`)
      .set('authorization', student.auth)
      .expect(404);
    await t
      .http()
      .get(`/api/sessions/${session.body.id}`)
      .set('authorization', student.auth)
      .expect(200);
  });
});
