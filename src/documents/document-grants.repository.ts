import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { DocumentGrant } from './schemas/document-grant.schema';

const oid = (id: string) => new Types.ObjectId(id);

/** Every query on `document_grants`. */
@Injectable()
export class DocumentGrantsRepository {
  constructor(@InjectModel(DocumentGrant.name) private readonly grants: Model<DocumentGrant>) {}

  /** Upserts one grant per document: granting again changes nothing. */
  async grant(source: string, userId: string, documentIds: string[], now: Date): Promise<void> {
    if (documentIds.length === 0) return;
    await this.grants.bulkWrite(
      documentIds.map((documentId) => ({
        updateOne: {
          filter: { _id: `${source}|${userId}|${documentId}` },
          update: {
            $setOnInsert: {
              userId: oid(userId),
              documentId: oid(documentId),
              source,
              grantedAt: now,
            },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
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
