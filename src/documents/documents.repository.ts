import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { DocumentChunk } from './schemas/chunk.schema';
import { DocumentStatus, KeyTermEntry, StoredDocument } from './schemas/document.schema';

export interface DocumentRecord {
  id: string;
  ownerId: string;
  title: string;
  filename: string;
  kind: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  status: DocumentStatus;
  statusChangedAt: Date;
  pageCount: number;
  charCount: number;
  chunkCount: number;
  topics: string[];
  keyTerms: KeyTermEntry[];
  published: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChunkRecord {
  id: string;
  documentId: string;
  index: number;
  page: number;
  start: number;
  end: number;
  text: string;
}

export type NewDocument = Omit<
  DocumentRecord,
  'status' | 'statusChangedAt' | 'createdAt' | 'updatedAt' | 'published'
>;
export type NewChunk = Omit<ChunkRecord, 'id' | 'documentId'>;

type LeanDocument = StoredDocument & { _id: Types.ObjectId };
type LeanChunk = DocumentChunk & { _id: Types.ObjectId };

const toRecord = (d: LeanDocument): DocumentRecord => ({
  id: d._id.toHexString(),
  ownerId: d.ownerId.toHexString(),
  title: d.title,
  filename: d.filename,
  kind: d.kind,
  mimeType: d.mimeType,
  sizeBytes: d.sizeBytes,
  sha256: d.sha256,
  status: d.status,
  statusChangedAt: d.statusChangedAt,
  pageCount: d.pageCount,
  charCount: d.charCount,
  chunkCount: d.chunkCount,
  topics: d.topics ?? [],
  published: d.published ?? false,
  keyTerms: (d.keyTerms ?? []).map((t) => ({ text: t.text, kind: t.kind, count: t.count })),
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

const toChunk = (c: LeanChunk): ChunkRecord => ({
  id: c._id.toHexString(),
  documentId: c.documentId.toHexString(),
  index: c.index,
  page: c.page,
  start: c.start,
  end: c.end,
  text: c.text,
});

const oid = (id: string) => new Types.ObjectId(id);

/** Every query on `documents` and `document_chunks`. */
@Injectable()
export class DocumentsRepository {
  constructor(
    @InjectModel(StoredDocument.name) private readonly documents: Model<StoredDocument>,
    @InjectModel(DocumentChunk.name) private readonly chunks: Model<DocumentChunk>,
  ) {}

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async insertPending(doc: NewDocument, now: Date): Promise<void> {
    await this.documents.create({
      ...doc,
      _id: oid(doc.id),
      ownerId: oid(doc.ownerId),
      status: 'pending',
      statusChangedAt: now,
    });
  }

  async insertChunks(documentId: string, ownerId: string, chunks: NewChunk[]): Promise<void> {
    const BATCH = 500;
    for (let i = 0; i < chunks.length; i += BATCH) {
      await this.chunks.insertMany(
        chunks.slice(i, i + BATCH).map((c) => ({
          ...c,
          documentId: oid(documentId),
          ownerId: oid(ownerId),
        })),
        { ordered: true },
      );
    }
  }

  async setStatus(
    id: string,
    from: DocumentStatus,
    to: DocumentStatus,
    now: Date,
  ): Promise<boolean> {
    const result = await this.documents
      .updateOne({ _id: id, status: from }, { $set: { status: to, statusChangedAt: now } })
      .exec();
    return result.modifiedCount > 0;
  }

  async findReady(ownerId: string, id: string): Promise<DocumentRecord | null> {
    const d = await this.documents
      .findOne({ _id: id, ownerId, status: 'ready' })
      .lean<LeanDocument>()
      .exec();
    return d ? toRecord(d) : null;
  }

  /** A ready document the user owns, or one in the shared library. */
  async findReadable(userId: string, id: string): Promise<DocumentRecord | null> {
    const d = await this.documents
      .findOne({ _id: id, status: 'ready', $or: [{ ownerId: userId }, { published: true }] })
      .lean<LeanDocument>()
      .exec();
    return d ? toRecord(d) : null;
  }

  /** A ready document whoever owns it, for callers that checked access another way (a grant). */
  async findReadyById(id: string): Promise<DocumentRecord | null> {
    const d = await this.documents
      .findOne({ _id: id, status: 'ready' })
      .lean<LeanDocument>()
      .exec();
    return d ? toRecord(d) : null;
  }

  async listPublished(limit: number, cursor?: string): Promise<DocumentRecord[]> {
    const query: Record<string, unknown> = { published: true, status: 'ready' };
    if (cursor) query._id = trusted({ $gt: oid(cursor) });
    const rows = await this.documents
      .find(query)
      .sort({ _id: 1 })
      .limit(limit)
      .lean<LeanDocument[]>()
      .exec();
    return rows.map(toRecord);
  }

  async setPublished(
    ownerId: string,
    id: string,
    published: boolean,
  ): Promise<DocumentRecord | null> {
    const d = await this.documents
      .findOneAndUpdate(
        { _id: id, ownerId, status: 'ready' },
        { $set: { published } },
        { returnDocument: 'after' },
      )
      .lean<LeanDocument>()
      .exec();
    return d ? toRecord(d) : null;
  }

  async findById(id: string): Promise<DocumentRecord | null> {
    const d = await this.documents.findById(id).lean<LeanDocument>().exec();
    return d ? toRecord(d) : null;
  }

  async listReady(ownerId: string, limit: number, cursor?: string): Promise<DocumentRecord[]> {
    const query: Record<string, unknown> = { ownerId: oid(ownerId), status: 'ready' };
    if (cursor) query._id = trusted({ $gt: oid(cursor) });
    const rows = await this.documents
      .find(query)
      .sort({ _id: 1 })
      .limit(limit)
      .lean<LeanDocument[]>()
      .exec();
    return rows.map(toRecord);
  }

  async rename(ownerId: string, id: string, title: string): Promise<DocumentRecord | null> {
    const d = await this.documents
      .findOneAndUpdate(
        { _id: id, ownerId, status: 'ready' },
        { $set: { title } },
        { returnDocument: 'after', runValidators: true },
      )
      .lean<LeanDocument>()
      .exec();
    return d ? toRecord(d) : null;
  }

  /** Documents left `pending` or `deleting` since before `olderThan` (interrupted by a crash). */
  async findStale(olderThan: Date, limit: number): Promise<DocumentRecord[]> {
    const rows = await this.documents
      .find({
        status: trusted({ $in: ['pending', 'deleting'] }),
        statusChangedAt: trusted({ $lt: olderThan }),
      })
      .limit(limit)
      .lean<LeanDocument[]>()
      .exec();
    return rows.map(toRecord);
  }

  /** Which of the given ids are documents (any status): files without one are orphans. */
  async existingIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.documents
      .find({ _id: trusted({ $in: ids.map(oid) }) }, { _id: 1 })
      .lean<{ _id: Types.ObjectId }[]>()
      .exec();
    return new Set(rows.map((row) => row._id.toHexString()));
  }

  async deleteDocument(id: string): Promise<void> {
    await this.documents.deleteOne({ _id: id }).exec();
  }

  async deleteChunks(documentId: string): Promise<void> {
    await this.chunks.deleteMany({ documentId: oid(documentId) }).exec();
  }

  async countChunks(documentId: string): Promise<number> {
    return this.chunks.countDocuments({ documentId: oid(documentId) }).exec();
  }

  /** A page of a document's chunks in id order (ids grow with the index: chunks are inserted in order). */
  async pageChunks(documentId: string, limit: number, cursor?: string): Promise<ChunkRecord[]> {
    const query: Record<string, unknown> = { documentId: oid(documentId) };
    if (cursor) query._id = trusted({ $gt: oid(cursor) });
    const rows = await this.chunks
      .find(query)
      .sort({ _id: 1 })
      .limit(limit)
      .lean<LeanChunk[]>()
      .exec();
    return rows.map(toChunk);
  }

  /** Chunks in index order after `afterIndex` (generation reads a document in batches). */
  async listChunks(documentId: string, limit: number, afterIndex = -1): Promise<ChunkRecord[]> {
    const rows = await this.chunks
      .find({ documentId: oid(documentId), index: trusted({ $gt: afterIndex }) })
      .sort({ index: 1 })
      .limit(limit)
      .lean<LeanChunk[]>()
      .exec();
    return rows.map(toChunk);
  }

  /** Chunks among these ids, within one document or among all of one owner's documents. */
  async findChunksIn(
    scope: { documentId: string } | { ownerId: string },
    chunkIds: string[],
  ): Promise<ChunkRecord[]> {
    if (chunkIds.length === 0) return [];
    const owner =
      'documentId' in scope
        ? { documentId: oid(scope.documentId) }
        : { ownerId: oid(scope.ownerId) };
    const rows = await this.chunks
      .find({ ...owner, _id: trusted({ $in: chunkIds.map(oid) }) })
      .lean<LeanChunk[]>()
      .exec();
    return rows.map(toChunk);
  }
}
