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
      .as(teacher)
      .post(
        `/api/documents/${document.id}/questions/generate`,
        { count: 4, types: ['single-choice'] },
        202,
      );
    expect((await waitForJob(t, teacher.auth, generate.body.id)).status).toBe('succeeded');

    // Private until published: the student cannot see it or practise on it.
    await t.as(student).get(`/api/documents/${document.id}`, 404);
    await t
      .http()
      .post('/api/sessions')
      .set('authorization', student.auth)
      .send({ documentId: document.id, questionCount: 2, mode: 'practice' })
      .expect((response) => expect([404, 422, 400]).toContain(response.status));

    // Only the owner, and only a teacher or admin, publishes.
    await t.as(student).put(`/api/documents/${document.id}/published`, { published: true }, 403);
    const other = await t.asTeacher();
    await t.as(other).put(`/api/documents/${document.id}/published`, { published: true }, 404);
    await t.as(teacher).put(`/api/documents/${document.id}/published`, { published: 'yes' }, 400);
    const published = await t
      .as(teacher)
      .put(`/api/documents/${document.id}/published`, { published: true }, 200);
    expect(published.body.published).toBe(true);

    const library = await t.as(student).get('/api/documents?scope=library', 200);
    expect(library.body.items.map((d: { id: string }) => d.id)).toEqual([document.id]);
    expect(library.body.items[0].ownerId).toBeUndefined();
    const mine = await t.as(student).get('/api/documents', 200);
    expect(mine.body.items).toEqual([]);
    await t.as(student).get('/api/documents?scope=everyone', 400);

    // Readable and practicable, never writable, by others.
    await t.as(student).get(`/api/documents/${document.id}`, 200);
    await t.as(student).get(`/api/documents/${document.id}/file`, 200);
    await t.as(student).get(`/api/documents/${document.id}/chunks`, 200);
    await t.as(student).patch(`/api/documents/${document.id}`, { title: 'x' }, 404);
    await t.as(student).delete(`/api/documents/${document.id}`, 404);
    const session = await t
      .as(student)
      .post('/api/sessions', { documentId: document.id, questionCount: 2, mode: 'practice' }, 201);
    const next = await t.as(student).get(`/api/sessions/${session.body.id}/next`, 200);
    expect(JSON.stringify(next.body)).not.toMatch(/correctChoiceIds|acceptedAnswers/);

    // Withdrawn: gone from the library and no new sessions, the existing session stays the student's.
    await t.as(teacher).put(`/api/documents/${document.id}/published`, { published: false }, 200);
    const after = await t.as(student).get('/api/documents?scope=library', 200);
    expect(after.body.items).toEqual([]);
    await t.as(student).get(`/api/documents/${document.id}`, 404);
    await t.as(student).get(`/api/sessions/${session.body.id}`, 200);
  });
});
