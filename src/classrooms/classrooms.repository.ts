import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import {
  AlertDecisionDoc,
  Assignment,
  AssignmentSubmission,
  type AlertDecision,
  type AssignmentMode,
  type SubmissionStatus,
} from './schemas/assignment.schema';
import {
  Classroom,
  ClassroomInvitation,
  ClassroomMember,
  type MemberStatus,
} from './schemas/classroom.schema';

export interface ClassroomRecord {
  id: string;
  name: string;
  description: string;
  ownerId: string;
  teacherIds: string[];
  joinCode: string;
  joinCodeEnabled: boolean;
  createdAt: Date;
}

export interface MemberRecord {
  id: string;
  classroomId: string;
  studentId: string;
  status: MemberStatus;
  joinedAt: Date;
  leftAt: Date | null;
}

export interface AssignmentRecord {
  id: string;
  classroomId: string;
  createdBy: string;
  title: string;
  documentId: string;
  topics: string[];
  mode: AssignmentMode;
  questionCount: number;
  opensAt: Date;
  dueAt: Date;
  timeLimitSeconds: number | null;
  createdAt: Date;
}

export type NewAssignment = Omit<AssignmentRecord, 'id' | 'createdAt'>;

export interface SubmissionRecord {
  id: string;
  assignmentId: string;
  classroomId: string;
  studentId: string;
  sessionId: string;
  status: SubmissionStatus;
  score: number | null;
  startedAt: Date;
  submittedAt: Date | null;
}

export interface DecisionRecord {
  alertKey: string;
  evidenceFingerprint: string;
  decision: AlertDecision;
}

type Lean<T> = T & { _id: Types.ObjectId };
const oid = (id: string) => new Types.ObjectId(id);
const hex = (id: Types.ObjectId) => id.toHexString();

const toClassroom = (c: Lean<Classroom>): ClassroomRecord => ({
  id: hex(c._id),
  name: c.name,
  description: c.description ?? '',
  ownerId: hex(c.ownerId),
  teacherIds: c.teacherIds.map(hex),
  joinCode: c.joinCode,
  joinCodeEnabled: c.joinCodeEnabled ?? true,
  createdAt: c.createdAt,
});

const toMember = (m: Lean<ClassroomMember>): MemberRecord => ({
  id: hex(m._id),
  classroomId: hex(m.classroomId),
  studentId: hex(m.studentId),
  status: m.status,
  joinedAt: m.joinedAt,
  leftAt: m.leftAt ?? null,
});

const toAssignment = (a: Lean<Assignment>): AssignmentRecord => ({
  id: hex(a._id),
  classroomId: hex(a.classroomId),
  createdBy: hex(a.createdBy),
  title: a.title,
  documentId: hex(a.documentId),
  topics: a.topics ?? [],
  mode: a.mode,
  questionCount: a.questionCount,
  opensAt: a.opensAt,
  dueAt: a.dueAt,
  timeLimitSeconds: a.timeLimitSeconds ?? null,
  createdAt: a.createdAt,
});

const toSubmission = (s: Lean<AssignmentSubmission>): SubmissionRecord => ({
  id: hex(s._id),
  assignmentId: hex(s.assignmentId),
  classroomId: hex(s.classroomId),
  studentId: hex(s.studentId),
  sessionId: s.sessionId,
  status: s.status,
  score: s.score ?? null,
  startedAt: s.startedAt,
  submittedAt: s.submittedAt ?? null,
});

function afterCursor(query: Record<string, unknown>, cursor?: string): Record<string, unknown> {
  if (cursor) query._id = trusted({ $gt: oid(cursor) });
  return query;
}

/** Every query on the classroom collections. */
@Injectable()
export class ClassroomsRepository {
  constructor(
    @InjectModel(Classroom.name) private readonly classrooms: Model<Classroom>,
    @InjectModel(ClassroomMember.name) private readonly members: Model<ClassroomMember>,
    @InjectModel(ClassroomInvitation.name) private readonly invitations: Model<ClassroomInvitation>,
    @InjectModel(Assignment.name) private readonly assignments: Model<Assignment>,
    @InjectModel(AssignmentSubmission.name)
    private readonly submissions: Model<AssignmentSubmission>,
    @InjectModel(AlertDecisionDoc.name) private readonly decisions: Model<AlertDecisionDoc>,
    private readonly guard: WriteGuard,
  ) {}

  // ---- classrooms

  /** Null when the join code is taken (the caller draws another). */
  async createClassroom(input: {
    name: string;
    description: string;
    ownerId: string;
    joinCode: string;
  }): Promise<ClassroomRecord | null> {
    const created = await this.guard.insertUnique(() =>
      this.classrooms.create({
        ...input,
        ownerId: oid(input.ownerId),
        teacherIds: [oid(input.ownerId)],
        joinCodeEnabled: true,
      }),
    );
    return created ? toClassroom(created.toObject() as Lean<Classroom>) : null;
  }

  async findClassroom(id: string): Promise<ClassroomRecord | null> {
    const c = await this.classrooms.findById(id).lean<Lean<Classroom>>().exec();
    return c ? toClassroom(c) : null;
  }

  async findByJoinCode(joinCode: string): Promise<ClassroomRecord | null> {
    const c = await this.classrooms.findOne({ joinCode }).lean<Lean<Classroom>>().exec();
    return c ? toClassroom(c) : null;
  }

  async listForTeacher(teacherId: string, limit: number, cursor?: string) {
    const rows = await this.classrooms
      .find(afterCursor({ teacherIds: oid(teacherId) }, cursor))
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Lean<Classroom>[]>()
      .exec();
    return rows.map(toClassroom);
  }

  async updateClassroom(
    id: string,
    changes: Partial<Pick<ClassroomRecord, 'name' | 'description' | 'joinCodeEnabled'>>,
  ): Promise<ClassroomRecord | null> {
    const c = await this.guard.write(() =>
      this.classrooms
        .findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after' })
        .lean<Lean<Classroom>>()
        .exec(),
    );
    return c ? toClassroom(c) : null;
  }

  /** False when the code is taken by another class. */
  async setJoinCode(id: string, joinCode: string): Promise<boolean> {
    const done = await this.guard.insertUnique(() =>
      this.classrooms.updateOne({ _id: oid(id) }, { $set: { joinCode, joinCodeEnabled: true } }),
    );
    return done !== null;
  }

  async setTeachers(id: string, teacherIds: string[]): Promise<void> {
    await this.guard.write(() =>
      this.classrooms.updateOne({ _id: oid(id) }, { $set: { teacherIds: teacherIds.map(oid) } }),
    );
  }

  async deleteClassroom(id: string): Promise<void> {
    await this.guard.write(() => this.classrooms.deleteOne({ _id: oid(id) }));
  }

  // ---- members

  /** Adds (or re-activates) the student; `created` is false when they were already active. */
  async addMember(classroomId: string, studentId: string, now: Date): Promise<boolean> {
    const { value, created } = await this.guard.insertOrFind(
      async () =>
        toMember(
          (
            await this.members.create({
              classroomId: oid(classroomId),
              studentId: oid(studentId),
              status: 'active',
              joinedAt: now,
              leftAt: null,
            })
          ).toObject() as Lean<ClassroomMember>,
        ),
      () => this.findMember(classroomId, studentId),
    );
    if (created) return true;
    if (value.status === 'active') return false;
    await this.guard.write(() =>
      this.members.updateOne(
        { _id: oid(value.id) },
        { $set: { status: 'active', joinedAt: now, leftAt: null } },
      ),
    );
    return true;
  }

  async findMember(classroomId: string, studentId: string): Promise<MemberRecord | null> {
    const m = await this.members
      .findOne({ classroomId: oid(classroomId), studentId: oid(studentId) })
      .lean<Lean<ClassroomMember>>()
      .exec();
    return m ? toMember(m) : null;
  }

  async withdrawMember(memberId: string, now: Date): Promise<void> {
    await this.guard.write(() =>
      this.members.updateOne(
        { _id: oid(memberId) },
        { $set: { status: 'withdrawn', leftAt: now } },
      ),
    );
  }

  async listMembers(
    classroomId: string,
    status: MemberStatus,
    limit: number,
    cursor?: string,
  ): Promise<MemberRecord[]> {
    const rows = await this.members
      .find(afterCursor({ classroomId: oid(classroomId), status }, cursor))
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Lean<ClassroomMember>[]>()
      .exec();
    return rows.map(toMember);
  }

  async classroomsOfStudent(studentId: string): Promise<string[]> {
    const rows = await this.members
      .find({ studentId: oid(studentId), status: 'active' })
      .lean<Lean<ClassroomMember>[]>()
      .exec();
    return rows.map((m) => hex(m.classroomId));
  }

  // ---- invitations

  /** False when this email was already invited to the class. */
  async invite(classroomId: string, emailNormalized: string, invitedBy: string): Promise<boolean> {
    const created = await this.guard.insertUnique(() =>
      this.invitations.create({
        classroomId: oid(classroomId),
        emailNormalized,
        invitedBy: oid(invitedBy),
      }),
    );
    return created !== null;
  }

  /** Removes and returns the classes that invited this email. */
  async claimInvitations(emailNormalized: string): Promise<string[]> {
    const rows = await this.invitations
      .find({ emailNormalized })
      .lean<Lean<ClassroomInvitation>[]>()
      .exec();
    for (const row of rows)
      await this.guard.write(() => this.invitations.deleteOne({ _id: row._id }));
    return rows.map((row) => hex(row.classroomId));
  }

  // ---- assignments

  async createAssignment(input: NewAssignment): Promise<AssignmentRecord> {
    const created = await this.guard.write(() =>
      this.assignments.create({
        ...input,
        classroomId: oid(input.classroomId),
        createdBy: oid(input.createdBy),
        documentId: oid(input.documentId),
      }),
    );
    return toAssignment(created.toObject() as Lean<Assignment>);
  }

  async findAssignment(id: string): Promise<AssignmentRecord | null> {
    const a = await this.assignments.findById(id).lean<Lean<Assignment>>().exec();
    return a ? toAssignment(a) : null;
  }

  async listAssignments(
    classroomId: string,
    limit: number,
    cursor?: string,
  ): Promise<AssignmentRecord[]> {
    const rows = await this.assignments
      .find(afterCursor({ classroomId: oid(classroomId) }, cursor))
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Lean<Assignment>[]>()
      .exec();
    return rows.map(toAssignment);
  }

  // ---- submissions

  /** Null when the student already started this assignment. */
  async createSubmission(
    input: Omit<SubmissionRecord, 'id' | 'status' | 'score' | 'submittedAt'>,
  ): Promise<SubmissionRecord | null> {
    const created = await this.guard.insertUnique(() =>
      this.submissions.create({
        ...input,
        assignmentId: oid(input.assignmentId),
        classroomId: oid(input.classroomId),
        studentId: oid(input.studentId),
        status: 'started',
        score: null,
        submittedAt: null,
      }),
    );
    return created ? toSubmission(created.toObject() as Lean<AssignmentSubmission>) : null;
  }

  async findSubmission(assignmentId: string, studentId: string): Promise<SubmissionRecord | null> {
    const s = await this.submissions
      .findOne({ assignmentId: oid(assignmentId), studentId: oid(studentId) })
      .lean<Lean<AssignmentSubmission>>()
      .exec();
    return s ? toSubmission(s) : null;
  }

  async findSubmissionBySession(sessionId: string): Promise<SubmissionRecord | null> {
    const s = await this.submissions
      .findOne({ sessionId })
      .lean<Lean<AssignmentSubmission>>()
      .exec();
    return s ? toSubmission(s) : null;
  }

  /** False when it was already submitted (a repeated or concurrent finish). */
  async markSubmitted(id: string, score: number | null, at: Date): Promise<boolean> {
    const result = await this.guard.write(() =>
      this.submissions.updateOne(
        { _id: oid(id), status: 'started' },
        { $set: { status: 'submitted', score, submittedAt: at } },
      ),
    );
    return result.modifiedCount > 0;
  }

  async listSubmissions(
    assignmentId: string,
    limit: number,
    cursor?: string,
  ): Promise<SubmissionRecord[]> {
    const rows = await this.submissions
      .find(afterCursor({ assignmentId: oid(assignmentId) }, cursor))
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Lean<AssignmentSubmission>[]>()
      .exec();
    return rows.map(toSubmission);
  }

  async submissionsOfStudent(studentId: string, classroomId: string): Promise<SubmissionRecord[]> {
    const rows = await this.submissions
      .find({ studentId: oid(studentId), classroomId: oid(classroomId) })
      .lean<Lean<AssignmentSubmission>[]>()
      .exec();
    return rows.map(toSubmission);
  }

  // ---- alert decisions

  async decisionsOf(classroomId: string): Promise<DecisionRecord[]> {
    const rows = await this.decisions
      .find({ classroomId: oid(classroomId) })
      .lean<Lean<AlertDecisionDoc>[]>()
      .exec();
    return rows.map((d) => ({
      alertKey: d.alertKey,
      evidenceFingerprint: d.evidenceFingerprint,
      decision: d.decision,
    }));
  }

  async decide(classroomId: string, decision: DecisionRecord, decidedBy: string): Promise<void> {
    await this.guard.write(() =>
      this.decisions.updateOne(
        { classroomId: oid(classroomId), alertKey: decision.alertKey },
        {
          $set: {
            evidenceFingerprint: decision.evidenceFingerprint,
            decision: decision.decision,
            decidedBy: oid(decidedBy),
          },
        },
        { upsert: true },
      ),
    );
  }
}
