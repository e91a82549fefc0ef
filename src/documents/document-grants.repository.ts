import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import { DocumentGrant } from './schemas/document-grant.schema';

const oid = (id: string) => new Types.ObjectId(id);

/** Every query on `document_grants`. */
@Injectable()
export class DocumentGrantsRepository {
  constructor(
    @InjectModel(DocumentGrant.name) private readonly grants: Model<DocumentGrant>,
    private readonly guard: WriteGuard,
  ) {}

  /** One grant per document, keyed by `_id`: granting again (or concurrently) stores nothing new. */
  async grant(source: string, userId: string, documentIds: string[], now: Date): Promise<void> {
    for (const documentId of documentIds) {
      await this.guard.insertUnique(() =>
        this.grants.create({
          _id: `${source}|${userId}|${documentId}`,
          userId: oid(userId),
          documentId: oid(documentId),
          source,
          grantedAt: now,
        }),
      );
    }
  }

  async revoke(source: string, userId?: string): Promise<void> {
    await this.grants.deleteMany(userId ? { source, userId: oid(userId) } : { source }).exec();
  }

  async exists(userId: string, documentId: string): Promise<boolean> {
    const found = await this.grants
      .findOne({ userId: oid(userId), documentId: oid(documentId) }, { _id: 1 })
      .lean()
      .exec();
    return found !== null;
  }

  async deleteForDocument(documentId: string): Promise<void> {
    await this.grants.deleteMany({ documentId: oid(documentId) }).exec();
  }
}
