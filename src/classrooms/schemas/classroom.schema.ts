import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/** A class: its owner and co-teachers see it; students join by invitation or join code. */
@Schema({ collection: 'classrooms', timestamps: true })
export class Classroom {
  @Prop({ type: String, required: true, maxlength: 200 })
  name!: string;

  @Prop({ type: String, default: '', maxlength: 2000 })
  description!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  /** The owner and the co-teachers. */
  @Prop({ type: [MongooseSchema.Types.ObjectId], required: true })
  teacherIds!: Types.ObjectId[];

  /** Always set (a unique index cannot skip missing values on FerretDB); rotating replaces it. */
  @Prop({ type: String, required: true })
  joinCode!: string;

  @Prop({ type: Boolean, default: true })
  joinCodeEnabled!: boolean;

  createdAt!: Date;
  updatedAt!: Date;
}

export const ClassroomSchema = SchemaFactory.createForClass(Classroom);
// A teacher's classrooms, paginated by id; also the teacher check of every teacher route.
ClassroomSchema.index({ teacherIds: 1, _id: 1 });
// Joining with a code.
ClassroomSchema.index({ joinCode: 1 }, { unique: true });

export const MEMBER_STATUSES = ['active', 'withdrawn'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** A student in a class; `withdrawn` once removed or left (their past work stays visible as such). */
@Schema({ collection: 'classroom_members', timestamps: true })
export class ClassroomMember {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  classroomId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  studentId!: Types.ObjectId;

  @Prop({ type: String, enum: MEMBER_STATUSES, required: true })
  status!: MemberStatus;

  @Prop({ type: Date, required: true })
  joinedAt!: Date;

  @Prop({ type: Date, default: null })
  leftAt!: Date | null;
}

export const ClassroomMemberSchema = SchemaFactory.createForClass(ClassroomMember);
// One membership per student and class (the race of two joins resolves here); the membership check.
ClassroomMemberSchema.index({ classroomId: 1, studentId: 1 }, { unique: true });
// A class's students by status, paginated by id.
ClassroomMemberSchema.index({ classroomId: 1, status: 1, _id: 1 });
// A student's classes.
ClassroomMemberSchema.index({ studentId: 1, status: 1 });

/** An invitation by email to someone without an account yet; claimed when they register. */
@Schema({ collection: 'classroom_invitations', timestamps: true })
export class ClassroomInvitation {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  classroomId!: Types.ObjectId;

  @Prop({ type: String, required: true, maxlength: 320 })
  emailNormalized!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  invitedBy!: Types.ObjectId;

  createdAt!: Date;
}

export const ClassroomInvitationSchema = SchemaFactory.createForClass(ClassroomInvitation);
// One invitation per email and class.
ClassroomInvitationSchema.index({ classroomId: 1, emailNormalized: 1 }, { unique: true });
// Invitations waiting for a newly registered email.
ClassroomInvitationSchema.index({ emailNormalized: 1 });
