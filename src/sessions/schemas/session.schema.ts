import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import { SCORING_POLICIES, SESSION_MODES, SESSION_STATUSES } from '../session.types';
import type { ScoringPolicy, SessionMode, SessionStatus } from '../session.types';

/** One question a session was built from, pinned to the version that was current at creation. */
@Schema({ _id: false })
export class SessionItem {
  @Prop({ type: String, required: true })
  questionId!: string;

  @Prop({ type: Number, required: true })
  version!: number;

  @Prop({ type: String, required: true })
  topic!: string;

  /** The version's difficulty, 0..1 (0 easy), for the per-difficulty breakdown. */
  @Prop({ type: Number, required: true })
  difficulty!: number;
}

export const SessionItemSchema = SchemaFactory.createForClass(SessionItem);

/**
 * A practice, exam or adaptive session. Written twice: created, then ended. Answers live in their
 * own collection (session_answers) and presentations in session_presentations; the totals here are
 * frozen from the answers when the session ends (while it is active they are counted on read).
 */
@Schema({ collection: 'sessions', timestamps: true })
export class Session {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** The document the questions were drawn from, or null when drawn by topics. */
  @Prop({ type: String, default: null })
  documentId!: string | null;

  @Prop({ type: [String], default: [] })
  topics!: string[];

  @Prop({ type: String, enum: SESSION_MODES, required: true })
  mode!: SessionMode;

  @Prop({ type: String, enum: SESSION_STATUSES, required: true, default: 'active' })
  status!: SessionStatus;

  @Prop({ type: String, enum: SCORING_POLICIES, required: true })
  scoring!: ScoringPolicy;

  /** How many questions the student is asked (adaptive sessions pick them from a larger pool). */
  @Prop({ type: Number, required: true })
  questionCount!: number;

  /** Practice and exam: exactly the questions asked, in order. Adaptive: the pool to pick from. */
  @Prop({ type: [SessionItemSchema], default: [] })
  items!: SessionItem[];

  @Prop({ type: Number, default: null })
  timeLimitMs!: number | null;

  @Prop({ type: Date, required: true })
  startedAt!: Date;

  @Prop({ type: Date, default: null })
  deadlineAt!: Date | null;

  @Prop({ type: Date, default: null })
  finishedAt!: Date | null;

  /** Answers recorded, frozen when the session ends. */
  @Prop({ type: Number, default: 0 })
  answeredCount!: number;

  /** Credit earned, frozen when the session ends. */
  @Prop({ type: Number, default: 0 })
  creditSum!: number;

  /** creditSum / questionCount, set when the session ends. */
  @Prop({ type: Number, default: null })
  score!: number | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const SessionSchema = SchemaFactory.createForClass(Session);

// GET /api/sessions: the caller's sessions, newest first by _id (cursor pagination).
SessionSchema.index({ userId: 1, _id: -1 });
// listSessionsOf(userId, { since }) and the lazy expiry of a user's overdue exams.
SessionSchema.index({ userId: 1, startedAt: 1 });
// scoresOnDocument(documentId): ended sessions of a document in finishing order.
SessionSchema.index({ documentId: 1, status: 1, finishedAt: 1 });
