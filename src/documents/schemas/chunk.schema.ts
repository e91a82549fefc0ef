import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/** A section of a document's text: its page and character range in the document text, and the text. */
@Schema({ collection: 'document_chunks' })
export class DocumentChunk {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  documentId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  @Prop({ type: Number, required: true, min: 0 })
  index!: number;

  @Prop({ type: Number, required: true, min: 1 })
  page!: number;

  @Prop({ type: Number, required: true, min: 0 })
  start!: number;

  @Prop({ type: Number, required: true, min: 0 })
  end!: number;

  @Prop({ type: String, required: true })
  text!: string;
}

export const DocumentChunkSchema = SchemaFactory.createForClass(DocumentChunk);

// A document's chunks in order (generation, chunk list, deletion); unique so a retried insert cannot double them.
DocumentChunkSchema.index({ documentId: 1, index: 1 }, { unique: true });
// The scoped chunk query: a document's chunks page by page in id order.
DocumentChunkSchema.index({ documentId: 1, _id: 1 });
