import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/**
 * One graded answer. Its `_id` is `<sessionId>:<questionId>`, so a session has one answer per
 * question (answering twice is idempotent) and the answer is found by `_id`, the one filter
 * FerretDB 1.24 answers without a collection scan.
 *
 * It also logs the Elo steps it caused (`thetaDelta` on the student's θ in the topic,
 * `difficultyDelta` on the question's b): the estimates in ability_estimates are the sums of these
 * steps. Its side effects go through the outbox (see AnswerRecorder). Written once,
 * never updated.
 */
@Schema({ collection: 'session_answers', timestamps: false })
export class SessionAnswer {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  questionId!: string;

  @Prop({ type: Number, required: true })
  questionVersion!: number;

  @Prop({ type: String, default: null })
  documentId!: string | null;

  @Prop({ type: String, required: true })
  topic!: string;

  /** The answered version's difficulty, 0..1. */
  @Prop({ type: Number, required: true })
  difficulty!: number;

  /** Selected options (choice questions); empty otherwise. */
  @Prop({ type: [String], default: [] })
  choiceIds!: string[];

  /** The typed answer (short answer), or null. */
  @Prop({ type: String, default: null })
  text!: string | null;

  /** The true/false answer, or null. */
  @Prop({ type: Boolean, default: null })
  value!: boolean | null;

  @Prop({ type: Boolean, required: true })
  correct!: boolean;

  @Prop({ type: Number, required: true })
  credit!: number;

  @Prop({ type: Number, required: true })
  responseMs!: number;

  @Prop({ type: Date, required: true })
  answeredAt!: Date;

  /** The Rasch prediction of success at answer time: σ(θ − b). */
  @Prop({ type: Number, required: true })
  expected!: number;

  /** The Elo step this answer applied to the student's θ in its topic. */
  @Prop({ type: Number, required: true })
  thetaDelta!: number;

  /** The Elo step this answer applied to the question's b. */
  @Prop({ type: Number, required: true })
  difficultyDelta!: number;
}

export const SessionAnswerSchema = SchemaFactory.createForClass(SessionAnswer);

// A session's answers in the order given (next question, result, totals, repair).
SessionAnswerSchema.index({ sessionId: 1, answeredAt: 1, _id: 1 });
// streamAnswers(userId, { since, until }): a user's answers in time order.
SessionAnswerSchema.index({ userId: 1, answeredAt: 1, _id: 1 });
// streamAnswers(userId, { topic }): a user's answers in one topic, in time order.
SessionAnswerSchema.index({ userId: 1, topic: 1, answeredAt: 1, _id: 1 });
