import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { isEmail } from 'class-validator';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { Page, toPage } from '../common/pagination';
import { EventBus } from '../infra/events/event-bus';
import { MailService } from '../infra/mail/mail.service';
import { normalizeEmail, UsersService } from '../users/users.service';
import {
  ClassroomsRepository,
  type ClassroomRecord,
  type MemberRecord,
} from './classrooms.repository';
import type {
  ClassroomDto,
  CreateClassroomDto,
  EnrolReportDto,
  EnrolRowDto,
  MemberDto,
  StudentClassroomDto,
  UpdateClassroomDto,
} from './dto/classroom.dto';

/** Unambiguous characters (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export const toClassroomDto = (c: ClassroomRecord): ClassroomDto => ({
  id: c.id,
  name: c.name,
  description: c.description,
  ownerId: c.ownerId,
  teacherIds: c.teacherIds,
  joinCode: c.joinCode,
  joinCodeEnabled: c.joinCodeEnabled,
  createdAt: c.createdAt,
});

const toMemberDto = (m: MemberRecord): MemberDto => ({
  studentId: m.studentId,
  status: m.status,
  joinedAt: m.joinedAt,
});

/** Classrooms, their teachers and their students. Teachers of a class see it; anyone else gets 404. */
@Injectable()
export class ClassroomsService implements OnModuleInit {
  constructor(
    private readonly repo: ClassroomsRepository,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('classrooms', async (event) => {
      if (event.type !== 'user.registered' || event.data.role !== 'student') return;
      await this.claimInvitations(event.userId, String(event.data.email));
    });
  }

  /** The class, if `teacherId` teaches it; otherwise NotFoundError (also for students and strangers). */
  async requireTeaching(teacherId: string, classroomId: string): Promise<ClassroomRecord> {
    const classroom = await this.repo.findClassroom(classroomId);
    if (!classroom || !classroom.teacherIds.includes(teacherId))
      throw new NotFoundError('Classroom');
    return classroom;
  }

  /** Whether the student is an active member of the class. */
  async isMember(classroomId: string, studentId: string): Promise<boolean> {
    return (await this.repo.findMember(classroomId, studentId))?.status === 'active';
  }

  async create(teacherId: string, input: CreateClassroomDto): Promise<ClassroomDto> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const created = await this.repo.createClassroom({
        name: input.name,
        description: input.description ?? '',
        ownerId: teacherId,
        joinCode: newJoinCode(),
      });
      if (created) return toClassroomDto(created);
    }
    throw new ConflictError('Could not draw a free join code; try again');
  }

  async list(teacherId: string, limit: number, cursor?: string): Promise<Page<ClassroomDto>> {
    const rows = await this.repo.listForTeacher(teacherId, limit + 1, cursor);
    const page = toPage(rows, limit);
    return { items: page.items.map(toClassroomDto), next: page.next };
  }

  async get(teacherId: string, id: string): Promise<ClassroomDto> {
    return toClassroomDto(await this.requireTeaching(teacherId, id));
  }

  async update(teacherId: string, id: string, changes: UpdateClassroomDto): Promise<ClassroomDto> {
    await this.requireTeaching(teacherId, id);
    const updated = await this.repo.updateClassroom(id, changes);
    if (!updated) throw new NotFoundError('Classroom');
    this.publish('classroom.updated', teacherId, id, {});
    return toClassroomDto(updated);
  }

  /** Only the owner deletes a class (a co-teacher gets 404 as for any class they may not delete). */
  async remove(teacherId: string, id: string): Promise<void> {
    const classroom = await this.requireTeaching(teacherId, id);
    if (classroom.ownerId !== teacherId) throw new NotFoundError('Classroom');
    await this.repo.deleteClassroom(id);
  }

  async rotateJoinCode(teacherId: string, id: string): Promise<ClassroomDto> {
    await this.requireTeaching(teacherId, id);
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await this.repo.setJoinCode(id, newJoinCode())) return this.get(teacherId, id);
    }
    throw new ConflictError('Could not draw a free join code; try again');
  }

  async addTeacher(teacherId: string, id: string, email: string): Promise<ClassroomDto> {
    const classroom = await this.requireTeaching(teacherId, id);
    const user = isEmail(email) ? await this.users.findByEmail(email) : null;
    if (!user || user.role !== 'teacher')
      throw new InvalidInputError('No teacher account has this email', [
        { field: 'email', message: 'must be the email of a teacher account' },
      ]);
    if (!classroom.teacherIds.includes(user.id))
      await this.repo.setTeachers(id, [...classroom.teacherIds, user.id]);
    return this.get(teacherId, id);
  }

  async removeTeacher(teacherId: string, id: string, email: string): Promise<ClassroomDto> {
    const classroom = await this.requireTeaching(teacherId, id);
    const user = isEmail(email) ? await this.users.findByEmail(email) : null;
    if (!user || !classroom.teacherIds.includes(user.id)) throw new NotFoundError('Teacher');
    if (user.id === classroom.ownerId)
      throw new ConflictError('The owner cannot be removed from their class');
    await this.repo.setTeachers(
      id,
      classroom.teacherIds.filter((t) => t !== user.id),
    );
    return this.get(teacherId, id);
  }

  /**
   * Adds students by email, each row on its own: registered students join at once, unknown emails
   * are invited by email and join when they register; anything else is an error on that row.
   */
  async addStudents(teacherId: string, id: string, emails: string[]): Promise<EnrolReportDto> {
    const classroom = await this.requireTeaching(teacherId, id);
    const teacher = await this.users.getById(teacherId);
    const rows: EnrolRowDto[] = [];
    const seen = new Set<string>();
    for (const raw of emails) {
      const email = normalizeEmail(raw);
      const row = (outcome: string, studentId: string | null = null, error: string | null = null) =>
        rows.push({ email: raw, outcome, studentId, error });
      if (!isEmail(email)) {
        row('error', null, 'not an email address');
        continue;
      }
      if (seen.has(email)) {
        row('error', null, 'listed twice');
        continue;
      }
      seen.add(email);
      const user = await this.users.findByEmail(email);
      if (user && user.role !== 'student') {
        row('error', null, 'this account is not a student account');
      } else if (user) {
        const added = await this.repo.addMember(id, user.id, this.clock.now());
        if (added) this.publish('classroom.student_joined', user.id, id, { via: 'teacher' });
        row(added ? 'added' : 'already-member', user.id);
      } else if (await this.repo.invite(id, email, teacherId)) {
        await this.mail.send({
          to: email,
          subject: `You are invited to ${classroom.name}`,
          template: 'classroom-invitation',
          context: {
            teacher: teacher.name,
            classroom: classroom.name,
            email,
            code: classroom.joinCode,
          },
          ownerId: teacherId,
          idempotencyKey: `classroom-invitation:${id}:${email}`,
        });
        row('invited');
      } else {
        row('already-invited');
      }
    }
    return {
      rows,
      added: rows.filter((r) => r.outcome === 'added').length,
      invited: rows.filter((r) => r.outcome === 'invited').length,
      failed: rows.filter((r) => r.outcome === 'error').length,
    };
  }

  async listStudents(
    teacherId: string,
    id: string,
    status: 'active' | 'withdrawn',
    limit: number,
    cursor?: string,
  ): Promise<Page<MemberDto>> {
    await this.requireTeaching(teacherId, id);
    const page = toPage(await this.repo.listMembers(id, status, limit + 1, cursor), limit);
    return { items: page.items.map(toMemberDto), next: page.next };
  }

  /** Every active student of a class (for analytics and alerts). */
  async allStudents(classroomId: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.repo.listMembers(classroomId, 'active', 200, cursor);
      ids.push(...rows.map((r) => r.studentId));
      if (rows.length < 200) return ids;
      cursor = rows[rows.length - 1].id;
    }
  }

  async removeStudent(teacherId: string, id: string, studentId: string): Promise<void> {
    await this.requireTeaching(teacherId, id);
    await this.withdraw(id, studentId, 'removed');
  }

  async join(studentId: string, code: string): Promise<StudentClassroomDto> {
    const classroom = await this.repo.findByJoinCode(code);
    if (!classroom || !classroom.joinCodeEnabled) throw new NotFoundError('Join code');
    if (await this.repo.addMember(classroom.id, studentId, this.clock.now()))
      this.publish('classroom.student_joined', studentId, classroom.id, { via: 'code' });
    return { id: classroom.id, name: classroom.name };
  }

  async leave(studentId: string, id: string): Promise<void> {
    await this.withdraw(id, studentId, 'left');
  }

  async classesOf(studentId: string): Promise<StudentClassroomDto[]> {
    const out: StudentClassroomDto[] = [];
    for (const id of await this.repo.classroomsOfStudent(studentId)) {
      const classroom = await this.repo.findClassroom(id);
      if (classroom) out.push({ id: classroom.id, name: classroom.name });
    }
    return out;
  }

  private async withdraw(classroomId: string, studentId: string, how: string): Promise<void> {
    const member = await this.repo.findMember(classroomId, studentId);
    if (!member || member.status !== 'active') throw new NotFoundError('Student');
    await this.repo.withdrawMember(member.id, this.clock.now());
    this.publish('classroom.student_left', studentId, classroomId, { how });
  }

  private async claimInvitations(userId: string, email: string): Promise<void> {
    for (const classroomId of await this.repo.claimInvitations(normalizeEmail(email))) {
      if (await this.repo.addMember(classroomId, userId, this.clock.now()))
        this.publish('classroom.student_joined', userId, classroomId, { via: 'invitation' });
    }
  }

  private publish(
    type: string,
    userId: string,
    classroomId: string,
    data: Record<string, unknown>,
  ) {
    this.events.publish({
      type,
      userId,
      occurredAt: this.clock.now(),
      data: { classroomId, ...data },
    });
  }
}
