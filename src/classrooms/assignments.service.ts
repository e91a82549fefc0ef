import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { Page, toPage } from '../common/pagination';
import { DocumentsService } from '../documents/documents.service';
import { EventBus } from '../infra/events/event-bus';
import type { DomainEvent } from '../infra/events/event-bus';
import { SessionHistoryService } from '../sessions/session-history.service';
import { SessionStarterService } from '../sessions/session-starter.service';
import type { SessionDto } from '../sessions/dto/session.dto';
import {
  ClassroomsRepository,
  type AssignmentRecord,
  type SubmissionRecord,
} from './classrooms.repository';
import { ClassroomsService } from './classrooms.service';
import type {
  AssignmentDto,
  CreateAssignmentDto,
  StudentAssignmentDto,
  SubmissionDto,
} from './dto/classroom.dto';

export const toAssignmentDto = (a: AssignmentRecord): AssignmentDto => ({
  id: a.id,
  classroomId: a.classroomId,
  title: a.title,
  documentId: a.documentId,
  topics: a.topics,
  mode: a.mode,
  questionCount: a.questionCount,
  opensAt: a.opensAt,
  dueAt: a.dueAt,
  timeLimitSeconds: a.timeLimitSeconds,
});

/** The status a student sees for an assignment at `now`. */
export function studentStatus(
  assignment: AssignmentRecord,
  submission: SubmissionRecord | null,
  now: Date,
): string {
  if (submission?.status === 'submitted') return 'submitted';
  if (now >= assignment.dueAt) return 'missed';
  if (submission) return 'started';
  return now < assignment.opensAt ? 'upcoming' : 'open';
}

/** The document grants of a class are revoked together under this source. */
export const grantSource = (classroomId: string) => `classroom:${classroomId}`;

/** Assignments of a class, students' attempts at them, and what teachers see of those attempts. */
@Injectable()
export class AssignmentsService implements OnModuleInit {
  constructor(
    private readonly repo: ClassroomsRepository,
    private readonly classrooms: ClassroomsService,
    private readonly documents: DocumentsService,
    private readonly sessions: SessionHistoryService,
    private readonly starter: SessionStarterService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('assignments', async (event) => {
      if (event.type === 'session.finished') await this.recordSubmission(event);
    });
  }

  async create(
    teacherId: string,
    classroomId: string,
    input: CreateAssignmentDto,
  ): Promise<AssignmentDto> {
    await this.classrooms.requireTeaching(teacherId, classroomId);
    const opensAt = input.opensAt ?? this.clock.now();
    const problems: { field: string; message: string }[] = [];
    if (input.dueAt <= opensAt)
      problems.push({ field: 'dueAt', message: 'dueAt must be after opensAt' });
    if (input.timeLimitSeconds !== undefined && input.mode !== 'exam')
      problems.push({ field: 'timeLimitSeconds', message: 'only exams have a time limit' });
    if (problems.length > 0) throw new InvalidInputError('Invalid assignment', problems);
    const documentId = input.documentId.toLowerCase();
    if (!(await this.documents.isReady(teacherId, documentId))) throw new NotFoundError('Document');
    const created = await this.repo.createAssignment({
      classroomId,
      createdBy: teacherId,
      title: input.title,
      documentId,
      topics: input.topics ?? [],
      mode: input.mode,
      questionCount: input.questionCount,
      opensAt,
      dueAt: input.dueAt,
      timeLimitSeconds: input.timeLimitSeconds ?? null,
    });
    this.events.publish({
      type: 'assignment.created',
      userId: teacherId,
      occurredAt: this.clock.now(),
      data: { classroomId, assignmentId: created.id, dueAt: created.dueAt.toISOString() },
    });
    return toAssignmentDto(created);
  }

  async list(
    teacherId: string,
    classroomId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<AssignmentDto>> {
    await this.classrooms.requireTeaching(teacherId, classroomId);
    const page = toPage(await this.repo.listAssignments(classroomId, limit + 1, cursor), limit);
    return { items: page.items.map(toAssignmentDto), next: page.next };
  }

  /** Every assignment of a class, oldest first. */
  async allOf(classroomId: string): Promise<AssignmentRecord[]> {
    const out: AssignmentRecord[] = [];
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.repo.listAssignments(classroomId, 200, cursor);
      out.push(...rows);
      if (rows.length < 200) return out;
      cursor = rows[rows.length - 1].id;
    }
  }

  /** The student's assignments in all their classes, by id. */
  async listForStudent(
    studentId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<StudentAssignmentDto>> {
    const now = this.clock.now();
    const rows: StudentAssignmentDto[] = [];
    for (const classroom of await this.classrooms.classesOf(studentId)) {
      const submissions = new Map(
        (await this.repo.submissionsOfStudent(studentId, classroom.id)).map((s) => [
          s.assignmentId,
          s,
        ]),
      );
      for (const assignment of await this.allOf(classroom.id)) {
        if (cursor && assignment.id <= cursor) continue;
        const submission = submissions.get(assignment.id) ?? null;
        rows.push({
          ...toAssignmentDto(assignment),
          status: studentStatus(assignment, submission, now),
          sessionId: submission?.sessionId ?? null,
          score: submission?.score ?? null,
        });
      }
    }
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return toPage(rows.slice(0, limit + 1), limit);
  }

  /** Starts the student's attempt (again: the same session), under the assignment's rules. */
  async start(
    studentId: string,
    assignmentId: string,
  ): Promise<{ assignmentId: string; session: SessionDto | null; sessionId: string }> {
    const assignment = await this.repo.findAssignment(assignmentId);
    if (!assignment || !(await this.classrooms.isMember(assignment.classroomId, studentId)))
      throw new NotFoundError('Assignment');
    const existing = await this.repo.findSubmission(assignmentId, studentId);
    if (existing) return { assignmentId, sessionId: existing.sessionId, session: null };
    const now = this.clock.now();
    if (now < assignment.opensAt)
      throw new ConflictError(`The assignment opens at ${assignment.opensAt.toISOString()}`);
    if (now >= assignment.dueAt)
      throw new ConflictError(
        `The assignment was due at ${assignment.dueAt.toISOString()}: late starts are refused`,
      );
    await this.documents.grantAccess(grantSource(assignment.classroomId), studentId, [
      assignment.documentId,
    ]);
    const session = await this.starter.start(studentId, {
      documentId: assignment.documentId,
      topics: assignment.topics.length > 0 ? assignment.topics : undefined,
      questionCount: assignment.questionCount,
      mode: assignment.mode,
      timeLimitSeconds: assignment.timeLimitSeconds ?? undefined,
    });
    const submission = await this.repo.createSubmission({
      assignmentId,
      classroomId: assignment.classroomId,
      studentId,
      sessionId: session.id,
      startedAt: now,
    });
    if (!submission) {
      // A concurrent start won: its session is the attempt.
      const winner = (await this.repo.findSubmission(assignmentId, studentId))!;
      return { assignmentId, sessionId: winner.sessionId, session: null };
    }
    this.events.publish({
      type: 'assignment.started',
      userId: studentId,
      occurredAt: now,
      data: { classroomId: assignment.classroomId, assignmentId, sessionId: session.id },
    });
    return { assignmentId, sessionId: session.id, session };
  }

  async submissions(
    teacherId: string,
    classroomId: string,
    assignmentId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<SubmissionDto>> {
    await this.classrooms.requireTeaching(teacherId, classroomId);
    const assignment = await this.repo.findAssignment(assignmentId);
    if (!assignment || assignment.classroomId !== classroomId)
      throw new NotFoundError('Assignment');
    const page = toPage(await this.repo.listSubmissions(assignmentId, limit + 1, cursor), limit);
    const items: SubmissionDto[] = [];
    for (const s of page.items) {
      const answers =
        s.status === 'submitted'
          ? (await this.sessions.answersOfSession(s.studentId, s.sessionId)).map((a) => ({
              questionId: a.questionId,
              topic: a.topic,
              correct: a.correct,
              credit: a.credit,
            }))
          : null;
      items.push({
        id: s.id,
        studentId: s.studentId,
        sessionId: s.sessionId,
        status: s.status,
        score: s.score,
        withdrawn: !(await this.classrooms.isMember(classroomId, s.studentId)),
        startedAt: s.startedAt,
        submittedAt: s.submittedAt,
        answers,
      });
    }
    return { items, next: page.next };
  }

  /** Every submission of an assignment (for analytics). */
  async allSubmissions(assignmentId: string): Promise<SubmissionRecord[]> {
    const out: SubmissionRecord[] = [];
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.repo.listSubmissions(assignmentId, 200, cursor);
      out.push(...rows);
      if (rows.length < 200) return out;
      cursor = rows[rows.length - 1].id;
    }
  }

  submissionsOfStudent(studentId: string, classroomId: string): Promise<SubmissionRecord[]> {
    return this.repo.submissionsOfStudent(studentId, classroomId);
  }

  /** A finished (or expired) session of an assignment submits it, once. */
  private async recordSubmission(event: DomainEvent): Promise<void> {
    const sessionId = String(event.data.sessionId);
    const submission = await this.repo.findSubmissionBySession(sessionId);
    if (!submission || submission.studentId !== event.userId) return;
    const score = typeof event.data.score === 'number' ? event.data.score : null;
    if (!(await this.repo.markSubmitted(submission.id, score, event.occurredAt))) return;
    this.events.publish({
      type: 'assignment.submitted',
      userId: submission.studentId,
      occurredAt: event.occurredAt,
      data: {
        classroomId: submission.classroomId,
        assignmentId: submission.assignmentId,
        sessionId,
        status: event.data.status,
        score,
      },
    });
  }
}
