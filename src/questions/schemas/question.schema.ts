import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import { QUESTION_TYPES } from '../question.types';
import type { QuestionType } from '../question.types';

@Schema({ _id: false })
export class ChoiceEntry {
  @Prop({ type: String, required: true, maxlength: 32 })
  id!: string;

  @Prop({ type: String, required: true, maxlength: 1000 })
  text!: string;
}
export const ChoiceEntrySchema = SchemaFactory.createForClass(ChoiceEntry);

@Schema({ _id: false })
export class CitationEntry {
  @Prop({ type: String, required: true, maxlength: 64 })
  chunkId!: string;

  @Prop({ type: Number, required: true, min: 0 })
  page!: number;

  @Prop({ type: Number, required: true, min: 0 })
  start!: number;

  @Prop({ type: Number, required: true, min: 0 })
  end!: number;

  @Prop({ type: String, required: true, maxlength: 4000 })
  snippet!: string;
}
export const CitationEntrySchema = SchemaFactory.createForClass(CitationEntry);

/** The editable content of a question; shared by the question and its version snapshots. */
export class QuestionContentFields {
  @Prop({ type: String, enum: QUESTION_TYPES, required: true })
  type!: QuestionType;

  @Prop({ type: String, required: true, maxlength: 2000 })
  stem!: string;

  @Prop({ type: [ChoiceEntrySchema], default: [] })
  choices!: ChoiceEntry[];

  @Prop({ type: [String], default: [] })
  correctChoiceIds!: string[];

  @Prop({ type: String, default: null, maxlength: 1000 })
  answer!: string | null;

  @Prop({ type: [String], default: [] })
  acceptedAnswers!: string[];

  @Prop({ type: String, required: true, maxlength: 200 })
  topic!: string;

  @Prop({ type: Number, required: true, min: 0, max: 1 })
  difficulty!: number;

  @Prop({ type: String, default: '', maxlength: 4000 })
  explanation!: string;

  @Prop({ type: CitationEntrySchema, default: null })
  citation!: CitationEntry | null;
}

@Schema({ _id: false })
export class CachedExplanation {
  /** The question version the explanation was written for; an edit makes it stale. */
  @Prop({ type: Number, required: true })
  version!: number;

  @Prop({ type: String, required: true, maxlength: 8000 })
  text!: string;

  @Prop({ type: [CitationEntrySchema], default: [] })
  citations!: CitationEntry[];

  @Prop({ type: String, required: true, maxlength: 64 })
  provider!: string;

  @Prop({ type: Date, required: true })
  generatedAt!: Date;
}
export const CachedExplanationSchema = SchemaFactory.createForClass(CachedExplanation);

export const QUESTION_SOURCES = ['generated', 'manual', 'imported'] as const;
export type QuestionSource = (typeof QUESTION_SOURCES)[number];

/** The current version of a question; older versions live in `question_versions`. */
@Schema({ collection: 'questions', timestamps: true })
export class Question extends QuestionContentFields {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, default: null })
  documentId!: Types.ObjectId | null;

  @Prop({ type: Number, required: true, min: 1 })
  version!: number;

  /** Lower-cased topic: topic filters compare case-insensitively. */
  @Prop({ type: String, required: true, maxlength: 200 })
  topicKey!: string;

  /** Hash of the normalised type, stem and answer: finds repeats on generation and import. */
  @Prop({ type: String, required: true, maxlength: 64 })
  fingerprint!: string;

  /** Unique per insert intent (`gen:<job>:<n>`, `imp:<batch>:<row>`, `new:<uuid>`): a retried insert finds its row. */
  @Prop({ type: String, required: true, maxlength: 200 })
  dedupeKey!: string;

  @Prop({ type: String, enum: QUESTION_SOURCES, required: true })
  source!: QuestionSource;

  /** The generation job that wrote it: a retried job resumes after the questions it already stored. */
  @Prop({ type: MongooseSchema.Types.ObjectId, default: null })
  generationJobId!: Types.ObjectId | null;

  @Prop({ type: Number, default: 0, min: 0 })
  answerCount!: number;

  @Prop({ type: Number, default: 0, min: 0 })
  correctCount!: number;

  /** How many tests/sessions use the question (set by the sessions module); a used question's document cannot be deleted. */
  @Prop({ type: Number, default: 0, min: 0 })
  usedInTests!: number;

  @Prop({ type: CachedExplanationSchema, default: null })
  cachedExplanation!: CachedExplanation | null;

  /** Set when a question used in tests is deleted: hidden from lists, still readable by version for old answers. */
  @Prop({ type: Date, default: null })
  archivedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const QuestionSchema = SchemaFactory.createForClass(Question);

// Idempotent inserts: a retried generation or import finds the row it already wrote.
QuestionSchema.index({ dedupeKey: 1 }, { unique: true });
// Owner's question list and practice selection, in id order.
QuestionSchema.index({ ownerId: 1, archivedAt: 1, _id: 1 });
// Questions of a document in id order (practice by document, document deletion, generation dedupe).
QuestionSchema.index({ ownerId: 1, documentId: 1, _id: 1 });
// Duplicate detection on generation and import.
QuestionSchema.index({ ownerId: 1, fingerprint: 1 });
// A generation job's questions in id order (resuming a retried job).
QuestionSchema.index({ generationJobId: 1, _id: 1 });
// Practice by topic, in id order.
QuestionSchema.index({ ownerId: 1, topicKey: 1, _id: 1 });
