import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/**
 * Read and practise access to a document for someone who neither owns it nor finds it in the shared
 * library: granted by another module (a marketplace licence) under a `source` that revokes it whole.
 * `_id` is `<source>|<userId>|<documentId>`, so granting twice stores one grant.
 */
@Schema({ collection: 'document_grants', versionKey: false })
export class DocumentGrant {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  documentId!: Types.ObjectId;

  @Prop({ type: String, required: true, maxlength: 100 })
  source!: string;

  @Prop({ type: Date, required: true })
  grantedAt!: Date;
}

export const DocumentGrantSchema = SchemaFactory.createForClass(DocumentGrant);

// Read access check: does this user hold a grant for this document?
DocumentGrantSchema.index({ userId: 1, documentId: 1 });
// Revocation of everything one source granted (optionally to one user).
DocumentGrantSchema.index({ source: 1, userId: 1 });
// Document deletion removes its grants.
DocumentGrantSchema.index({ documentId: 1 });
