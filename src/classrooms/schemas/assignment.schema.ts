import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

export const ASSIGNMENT_MODES = ['practice', 'exam'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** A test given to a class: questions drawn from a teacher's document, with its rules. */
@Schema({ collection: 'assignments', timestamps: true })
export class Assignment {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  classroomId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  createdBy!: Types.ObjectId;

  @Prop({ type: String, required: true, maxlength: 200 })
  title!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  documentId!: Types.ObjectId;

  @Prop({ type: [String], default: [] })
  topics!: string[];

  @Prop({ type: String, enum: ASSIGNMENT_MODES, required: true })
  mode!: AssignmentMode;

  @Prop({ type: Number, required: true })
  questionCount!: number;

  @Prop({ type: Date, required: true })
  opensAt!: Date;

  @Prop({ type: Date, required: true })
  dueAt!: Date;

  @Prop({ type: Number, default: null })
  timeLimitSeconds!: number | null;

  createdAt!: Date;
}

export const AssignmentSchema = SchemaFactory.createForClass(Assignment);
// A class's assignments, paginated by id (also every assignment of the class, for analytics).
AssignmentSchema.index({ classroomId: 1, _id: 1 });

export const SUBMISSION_STATUSES = ['started', 'submitted'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** A student's attempt at an assignment: the session it runs in, and its outcome. */
@Schema({ collection: 'assignment_submissions', timestamps: true })
export class AssignmentSubmission {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  assignmentId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  classroomId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  studentId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  sessionId!: string;

  @Prop({ type: String, enum: SUBMISSION_STATUSES, required: true })
  status!: SubmissionStatus;

  @Prop({ type: Number, default: null })
  score!: number | null;

  @Prop({ type: Date, required: true })
  startedAt!: Date;

  @Prop({ type: Date, default: null })
  submittedAt!: Date | null;
}

export const AssignmentSubmissionSchema = SchemaFactory.createForClass(AssignmentSubmission);
// One attempt per student and assignment (two concurrent starts resolve here).
AssignmentSubmissionSchema.index({ assignmentId: 1, studentId: 1 }, { unique: true });
// An assignment's submissions, paginated by id.
AssignmentSubmissionSchema.index({ assignmentId: 1, _id: 1 });
// The submission of a session that just finished.
AssignmentSubmissionSchema.index({ sessionId: 1 });
// A student's submissions in a class (their assignment list, alerts).
AssignmentSubmissionSchema.index({ studentId: 1, classroomId: 1 });

export const ALERT_DECISIONS = ['acknowledged', 'dismissed'] as const;
export type AlertDecision = (typeof ALERT_DECISIONS)[number];

/** A teacher's decision on an alert, valid while the evidence keeps the same fingerprint. */
@Schema({ collection: 'classroom_alert_decisions', timestamps: true })
export class AlertDecisionDoc {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  classroomId!: Types.ObjectId;

  /** `<studentId>:<rule>[:<subject>]` */
  @Prop({ type: String, required: true, maxlength: 300 })
  alertKey!: string;

  @Prop({ type: String, required: true, maxlength: 2000 })
  evidenceFingerprint!: string;

  @Prop({ type: String, enum: ALERT_DECISIONS, required: true })
  decision!: AlertDecision;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  decidedBy!: Types.ObjectId;
}

export const AlertDecisionSchema = SchemaFactory.createForClass(AlertDecisionDoc);
// The decisions of a class (read with its alerts); one per alert, replaced on a new decision.
AlertDecisionSchema.index({ classroomId: 1, alertKey: 1 }, { unique: true });
