import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

export const DOCUMENT_KINDS = ['pdf', 'docx', 'markdown', 'text'] as const;
export const DOCUMENT_STATUSES = ['pending', 'ready', 'deleting'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

@Schema({ _id: false })
export class KeyTermEntry {
  @Prop({ type: String, required: true, maxlength: 200 })
  text!: string;

  @Prop({ type: String, required: true, maxlength: 20 })
  kind!: string;

  @Prop({ type: Number, required: true })
  count!: number;
}
export const KeyTermEntrySchema = SchemaFactory.createForClass(KeyTermEntry);

/**
 * An uploaded document. Written as `pending` before its file is moved into place and flipped to `ready`
 * after; `deleting` while its chunks, questions and file are removed. The clean-up job finishes or undoes
 * whatever a crash interrupted.
 */
@Schema({ collection: 'documents', timestamps: true })
export class StoredDocument {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  @Prop({ type: String, required: true, maxlength: 200 })
  title!: string;

  @Prop({ type: String, required: true, maxlength: 255 })
  filename!: string;

  @Prop({ type: String, enum: DOCUMENT_KINDS, required: true })
  kind!: string;

  @Prop({ type: String, required: true, maxlength: 200 })
  mimeType!: string;

  @Prop({ type: Number, required: true, min: 1 })
  sizeBytes!: number;

  @Prop({ type: String, required: true, maxlength: 64 })
  sha256!: string;

  @Prop({ type: String, enum: DOCUMENT_STATUSES, required: true })
  status!: DocumentStatus;

  /** When the status last changed (from the injected clock): the clean-up job repairs stale ones. */
  @Prop({ type: Date, required: true })
  statusChangedAt!: Date;

  @Prop({ type: Number, required: true, min: 1 })
  pageCount!: number;

  @Prop({ type: Number, required: true, min: 0 })
  charCount!: number;

  @Prop({ type: Number, required: true, min: 1 })
  chunkCount!: number;

  @Prop({ type: [String], default: [] })
  topics!: string[];

  @Prop({ type: [KeyTermEntrySchema], default: [] })
  keyTerms!: KeyTermEntry[];

  /** In the shared library: every signed-in user can read it and practise on its questions. */
  @Prop({ type: Boolean, required: true, default: false })
  published!: boolean;

  createdAt!: Date;
  updatedAt!: Date;
}

export const DocumentSchema = SchemaFactory.createForClass(StoredDocument);

// The owner's document list in id order (ready ones only).
DocumentSchema.index({ ownerId: 1, status: 1, _id: 1 });
// The shared library: published ready documents in id order.
DocumentSchema.index({ published: 1, status: 1, _id: 1 });
// The clean-up job finds pending and deleting documents by age.
DocumentSchema.index({ status: 1, statusChangedAt: 1 });
