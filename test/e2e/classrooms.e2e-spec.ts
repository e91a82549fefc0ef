import type { ApiClient } from '../support/api-client';
import { uploadDocument } from '../support/factories/documents';
import { createQuestions, type QuestionRef } from '../support/factories/questions';
import { DAY, waitFor } from '../support/learning';
import { SmtpCapture } from '../support/smtp-capture';
import { TestApp, type SignedIn } from '../support/test-app';

// The answers of the five students who submit (rows) to the four exam questions (columns).
// Facility and rest-score point-biserial by hand (see item-analysis.spec.ts):
// q0 p = 0.8, r = 0.6 / sqrt(0.8 * 3.2) = 0.375; q3 p = 0.4, r = -1 / sqrt(7.2) ≈ -0.3727.
const MATRIX = [
  [1, 1, 1, 0],
  [1, 1, 0, 0],
  [1, 0, 1, 0],
  [0, 0, 0, 1],
  [1, 1, 1, 1],
];

describe('Classrooms (e2e): a term with a teacher, a co-teacher and six students', () => {
  const smtp = new SmtpCapture();
  let t: TestApp;
  let teacher: SignedIn;
  let coTeacher: SignedIn;
  let otherTeacher: SignedIn;
  let stranger: SignedIn;
  let students: SignedIn[];
  let tApi: ApiClient;
  let classroomId: string;
  let joinCode: string;
  let questions: QuestionRef[];
  let assignmentId: string;
  const invitedEmail = `invited-${Date.now()}@example.org`;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    t = await TestApp.start({ now: new Date('2026-03-02T09:00:00Z'), env: { SMTP_URL: smtpUrl } });
    teacher = await t.asTeacher();
    coTeacher = await t.asTeacher();
    otherTeacher = await t.asTeacher();
    stranger = await t.asStudent();
    students = [];
    for (let i = 0; i < 5; i++) students.push(await t.asStudent());
    tApi = t.as(teacher);
  });
  afterAll(async () => {
    await t.stop();
    await smtp.stop();
  });

  it('creates a class, enrols by email with a per-row report, invites unknown emails', async () => {
    const created = await tApi.post('/api/teacher/classrooms', { name: 'Biology 7B' }, 201);
    classroomId = created.body.id;
    joinCode = created.body.joinCode;
    expect(joinCode).toMatch(/^[A-Z0-9]{8}$/);
    await t.as(students[0]).post('/api/teacher/classrooms', { name: 'Mine' }, 403);

    const report = await tApi.post(
      `/api/teacher/classrooms/${classroomId}/students`,
      {
        emails: [
          students[0].email,
          students[1].email.toUpperCase(),
          students[2].email,
          invitedEmail,
          'not an email',
          otherTeacher.email,
          students[0].email,
        ],
      },
      200,
    );
    expect(report.body.rows.map((r: { outcome: string }) => r.outcome)).toEqual([
      'added',
      'added',
      'added',
      'invited',
      'error',
      'error',
      'error',
    ]);
    expect(report.body).toMatchObject({ added: 3, invited: 1, failed: 3 });
    expect(report.body.rows[5].error).toBe('this account is not a student account');

    const email = await smtp.waitFor(invitedEmail);
    expect(email.subject).toBe('You are invited to Biology 7B');
    expect(email.html).toContain(joinCode);

    // The invited email registers and is in the class.
    students.push(await t.register('student', { email: invitedEmail }));
    await waitFor(async () => {
      const list = await tApi.get(`/api/teacher/classrooms/${classroomId}/students?limit=100`, 200);
      return list.body.items.some((m: { studentId: string }) => m.studentId === students[5].id)
        ? true
        : undefined;
    });
  });

  it('lets students join by code, and a wrong or disabled code finds nothing', async () => {
    await t.as(students[3]).post('/api/classrooms/join', { code: joinCode.toLowerCase() }, 200);
    await t.as(students[4]).post('/api/classrooms/join', { code: joinCode }, 200);
    await t.as(stranger).post('/api/classrooms/join', { code: 'ZZZZZZZZ' }, 404);
    await t.as(stranger).post('/api/classrooms/join', { code: { $ne: 'x' } }, 400);
    expect((await t.as(students[3]).get('/api/classrooms', 200)).body).toEqual([
      { id: classroomId, name: 'Biology 7B' },
    ]);
    const page1 = await tApi.get(`/api/teacher/classrooms/${classroomId}/students?limit=4`, 200);
    expect(page1.body.items).toHaveLength(4);
    const page2 = await tApi.get(
      `/api/teacher/classrooms/${classroomId}/students?limit=4&cursor=${page1.body.next}`,
      200,
    );
    expect(page2.body.items).toHaveLength(2);
    expect(page2.body.next).toBeNull();
  });

  it('adds a co-teacher who sees the class but cannot delete it', async () => {
    await tApi.post(
      `/api/teacher/classrooms/${classroomId}/teachers`,
      { email: coTeacher.email },
      200,
    );
    const seen = await t.as(coTeacher).get(`/api/teacher/classrooms/${classroomId}`, 200);
    expect(seen.body.teacherIds).toEqual([teacher.id, coTeacher.id]);
    expect((await t.as(coTeacher).get('/api/teacher/classrooms', 200)).body.items).toHaveLength(1);
    await t.as(coTeacher).delete(`/api/teacher/classrooms/${classroomId}`, 404);
  });

  it('assigns an exam; students start it under its rules and submit', async () => {
    const doc = await uploadDocument(tApi, 'water-cycle.txt');
    questions = await createQuestions(tApi, 'clouds', 4, { documentId: doc.id });
    const dueAt = new Date(t.clock.now().getTime() + 2 * DAY).toISOString();
    const bad = await tApi.post(
      `/api/teacher/classrooms/${classroomId}/assignments`,
      {
        title: 'x',
        documentId: doc.id,
        mode: 'practice',
        questionCount: 4,
        dueAt,
        timeLimitSeconds: 60,
      },
      400,
    );
    expect(bad.body.message).toBe('Invalid assignment');
    // Someone else's document is not found.
    await t
      .as(otherTeacher)
      .post(
        `/api/teacher/classrooms/${classroomId}/assignments`,
        { title: 'x', documentId: doc.id, mode: 'exam', questionCount: 4, dueAt },
        404,
      );
    const created = await tApi.post(
      `/api/teacher/classrooms/${classroomId}/assignments`,
      {
        title: 'Clouds quiz',
        documentId: doc.id,
        mode: 'exam',
        questionCount: 4,
        dueAt,
        timeLimitSeconds: 1800,
      },
      201,
    );
    assignmentId = created.body.id;

    await t.as(stranger).post(`/api/assignments/${assignmentId}/start`, {}, 404);
    const mine = await t.as(students[0]).get('/api/assignments', 200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: assignmentId, status: 'open', sessionId: null }),
    ]);

    for (const [row, scores] of MATRIX.entries()) {
      const api = t.as(students[row]);
      const started = await api.post(`/api/assignments/${assignmentId}/start`, {}, 200);
      const sessionId: string = started.body.sessionId;
      expect(started.body.session).toMatchObject({ mode: 'exam', questionCount: 4 });
      // Starting again resumes the same session.
      expect(
        (await api.post(`/api/assignments/${assignmentId}/start`, {}, 200)).body.sessionId,
      ).toBe(sessionId);
      for (let n = 0; n < 4; n++) {
        const next = await api.get(`/api/sessions/${sessionId}/next`, 200);
        const q = questions.find((x) => x.id === next.body.question.id)!;
        const right = scores[questions.indexOf(q)] === 1;
        t.clock.advance(30_000);
        await api.post(
          `/api/sessions/${sessionId}/answers`,
          { questionId: q.id, choiceIds: [right ? q.right : q.wrong], timeTakenMs: 30_000 },
          201,
        );
      }
      await api.post(`/api/sessions/${sessionId}/finish`, {}, 200);
    }

    const submissions = await waitFor(async () => {
      const page = await tApi.get(
        `/api/teacher/classrooms/${classroomId}/assignments/${assignmentId}/submissions`,
        200,
      );
      return page.body.items.every((s: { status: string }) => s.status === 'submitted')
        ? page.body.items
        : undefined;
    });
    expect(submissions).toHaveLength(5);
    const first = submissions.find((s: { studentId: string }) => s.studentId === students[0].id);
    expect(first).toMatchObject({ score: 0.75, withdrawn: false });
    expect(first.answers).toHaveLength(4);
    const own = await t.as(students[0]).get('/api/assignments', 200);
    expect(own.body.items[0]).toMatchObject({ status: 'submitted', score: 0.75 });
  });

  it('gives item analysis matching the values computed by hand', async () => {
    const res = await t.as(coTeacher).get(`/api/teacher/classrooms/${classroomId}/analytics`, 200);
    expect(res.body.students).toBe(6);
    const [figures] = res.body.assignments;
    expect(figures).toMatchObject({ started: 5, submitted: 5, completionRate: 5 / 6 });
    expect(figures.meanScore).toBeCloseTo((3 + 2 + 2 + 1 + 4) / 4 / 5, 10);
    const item = (i: number) =>
      figures.items.find((x: { questionId: string }) => x.questionId === questions[i].id);
    expect(item(0)).toMatchObject({ attempts: 5, facility: 0.8, flag: null });
    expect(item(0).discrimination).toBeCloseTo(0.375, 10);
    expect(item(3).facility).toBeCloseTo(0.4, 10);
    expect(item(3).discrimination).toBeCloseTo(-1 / Math.sqrt(7.2), 10);
    expect(item(3).flag).toBe('negative');
    expect(figures.scoreHistogram.reduce((a: number, b: number) => a + b, 0)).toBe(5);
    expect(res.body.topics.map((x: { topic: string }) => x.topic)).toContain('clouds');
    expect(res.body.spacedRepetition).toHaveLength(6);
  });

  it('answers 404 to students, other teachers and strangers', async () => {
    const paths = [
      `/api/teacher/classrooms/${classroomId}`,
      `/api/teacher/classrooms/${classroomId}/analytics`,
      `/api/teacher/classrooms/${classroomId}/alerts`,
      `/api/teacher/classrooms/${classroomId}/students`,
      `/api/teacher/classrooms/${classroomId}/assignments`,
      `/api/teacher/classrooms/${classroomId}/assignments/${assignmentId}/submissions`,
    ];
    for (const who of [students[0], otherTeacher, stranger])
      for (const path of paths) await t.as(who).get(path, 404);
    await t
      .as(otherTeacher)
      .delete(`/api/teacher/classrooms/${classroomId}/students/${students[0].id}`, 404);
    expect((await t.as(otherTeacher).get('/api/teacher/classrooms', 200)).body.items).toEqual([]);
  });

  it('raises alerts, and a decision holds until the evidence changes', async () => {
    const alerts = async () =>
      (await tApi.get(`/api/teacher/classrooms/${classroomId}/alerts?limit=100`, 200)).body
        .items as {
        key: string;
        studentId: string;
        rule: string;
        evidence: Record<string, unknown>;
      }[];
    expect(
      (await alerts()).filter((a) => a.rule === 'missed-due-date' || a.rule === 'inactive'),
    ).toEqual([]);

    // Past the due date: the invited student never started; a late start is refused.
    t.clock.advance(3 * DAY);
    await t.as(students[5]).post(`/api/assignments/${assignmentId}/start`, {}, 409);
    let open = await alerts();
    const missed = open.filter((a) => a.rule === 'missed-due-date');
    expect(missed).toEqual([
      expect.objectContaining({
        studentId: students[5].id,
        evidence: expect.objectContaining({ assignmentId }),
      }),
    ]);
    await tApi.post(
      `/api/teacher/classrooms/${classroomId}/alerts/decisions`,
      { key: missed[0].key, decision: 'dismissed' },
      204,
    );
    expect((await alerts()).filter((a) => a.rule === 'missed-due-date')).toEqual([]);

    // A week without activity: everyone is inactive.
    t.clock.advance(5 * DAY);
    open = await alerts();
    const inactive = open.filter((a) => a.rule === 'inactive');
    expect(inactive.map((a) => a.studentId).sort()).toEqual(students.map((s) => s.id).sort());
    const s1 = inactive.find((a) => a.studentId === students[1].id)!;
    await tApi.post(
      `/api/teacher/classrooms/${classroomId}/alerts/decisions`,
      { key: s1.key, decision: 'acknowledged' },
      204,
    );
    expect((await alerts()).some((a) => a.key === s1.key)).toBe(false);

    // Student 0 practises again: their inactivity alert clears.
    const api0 = t.as(students[0]);
    const own = await createQuestions(api0, 'rain', 1);
    const session = await api0.post(
      '/api/sessions',
      { topics: ['rain'], questionCount: 1, mode: 'practice' },
      201,
    );
    await api0.get(`/api/sessions/${session.body.id}/next`, 200);
    await api0.post(
      `/api/sessions/${session.body.id}/answers`,
      { questionId: own[0].id, choiceIds: [own[0].right], timeTakenMs: 5_000 },
      201,
    );
    open = await alerts();
    expect(open.some((a) => a.rule === 'inactive' && a.studentId === students[0].id)).toBe(false);
    expect(open.some((a) => a.rule === 'inactive' && a.studentId === students[2].id)).toBe(true);
    await tApi.post(
      `/api/teacher/classrooms/${classroomId}/alerts/decisions`,
      { key: 'nope', decision: 'dismissed' },
      404,
    );
  });

  it("keeps a removed student's submission, marked withdrawn, out of the class figures", async () => {
    await tApi.delete(`/api/teacher/classrooms/${classroomId}/students/${students[4].id}`, 204);
    await t.as(students[3]).delete(`/api/classrooms/${classroomId}/membership`, 204);
    await t.as(students[3]).delete(`/api/classrooms/${classroomId}/membership`, 404);
    const page = await tApi.get(
      `/api/teacher/classrooms/${classroomId}/assignments/${assignmentId}/submissions`,
      200,
    );
    const removed = page.body.items.find(
      (s: { studentId: string }) => s.studentId === students[4].id,
    );
    expect(removed).toMatchObject({ status: 'submitted', withdrawn: true });
    const res = await tApi.get(`/api/teacher/classrooms/${classroomId}/analytics`, 200);
    expect(res.body.students).toBe(4);
    expect(res.body.assignments[0].submitted).toBe(3);
    expect(res.body.spacedRepetition.map((s: { studentId: string }) => s.studentId)).not.toContain(
      students[4].id,
    );
  });
});
