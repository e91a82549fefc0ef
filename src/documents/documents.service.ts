import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { Clock } from '../common/clock';
import {
  ConflictError,
  DomainError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
} from '../common/errors';
import { toPage, type Page } from '../common/pagination';
import { AppConfig } from '../config';
import { DocumentGrantsRepository } from './document-grants.repository';
import { ChunkRecord, DocumentRecord, DocumentsRepository } from './documents.repository';
import { FileStorage, FileTooLargeError } from './file-storage';
import { ingestDocument } from './ingest';
import { isMultipartTooLarge, MIME_BY_KIND, safeFilename, toDomainError } from './upload-rules';
import type { UploadSource } from './upload-source';
import { CacheTags } from '../infra/cache/cache-tags.service';
import { EventBus } from '../infra/events/event-bus';

export type DocumentView = Omit<DocumentRecord, 'ownerId' | 'status' | 'statusChangedAt'>;

/** What other modules attach to a document; deletion asks each hook first, then purges through it. */
export interface DocumentDeletionHook {
  /** Why the document cannot be deleted now (answered with 409), or null. */
  blocker(ownerId: string, documentId: string): Promise<string | null>;
  /** Removes what belongs to the document; idempotent (a crashed deletion runs it again). */
  purge(ownerId: string, documentId: string): Promise<void>;
}

export interface RepairReport {
  completed: number;
  removed: number;
  orphanFiles: number;
}

/** How old an unfinished upload or deletion must be before the clean-up job repairs it. */
export const STALE_AFTER_MS = 15 * 60 * 1000;

const toView = (d: DocumentRecord): DocumentView => ({
  id: d.id,
  title: d.title,
  filename: d.filename,
  kind: d.kind,
  mimeType: d.mimeType,
  sizeBytes: d.sizeBytes,
  sha256: d.sha256,
  pageCount: d.pageCount,
  charCount: d.charCount,
  chunkCount: d.chunkCount,
  topics: d.topics,
  keyTerms: d.keyTerms,
  published: d.published,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documents');
  private readonly hooks: DocumentDeletionHook[] = [];
  /** Uploads in progress on this instance: their temporary files are not orphans. */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly repo: DocumentsRepository,
    private readonly grants: DocumentGrantsRepository,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly cacheTags: CacheTags,
  ) {}

  /** Modules owning data derived from documents (questions) register here at start-up. */
  registerDeletionHook(hook: DocumentDeletionHook): void {
    this.hooks.push(hook);
  }

  /**
   * Stores an upload: the file streams to `<id>.part` under the size limit, is checked and extracted, then
   * the document is inserted as `pending` with its chunks, the file renamed into place and the document
   * marked `ready`. A rejected file leaves nothing behind; a crash leaves a state the clean-up job repairs.
   */
  async upload(ownerId: string, source: UploadSource): Promise<DocumentView> {
    const maxBytes = this.config.http.uploadMaxBytes;
    const id = this.repo.newId();
    this.inFlight.add(id);
    try {
      const written = await this.receive(id, source, maxBytes);
      let ingested;
      try {
        ingested = await ingestDocument(
          await this.storage.readTemp(id),
          { filename: source.filename, mimeType: source.mimeType },
          maxBytes,
        );
      } catch (error) {
        await this.storage.remove(id);
        throw toDomainError(error);
      }
      const now = this.clock.now();
      try {
        await this.repo.insertPending(
          {
            id,
            ownerId,
            title: ingested.title,
            filename: safeFilename(source.filename),
            kind: ingested.kind,
            mimeType: MIME_BY_KIND[ingested.kind],
            sizeBytes: written.size,
            sha256: written.sha256,
            pageCount: ingested.pageCount,
            charCount: ingested.charCount,
            chunkCount: ingested.chunks.length,
            topics: ingested.topics,
            keyTerms: ingested.keyTerms
              .slice(0, 40)
              .map((t) => ({ text: t.text, kind: t.kind, count: t.count })),
          },
          now,
        );
        await this.repo.insertChunks(
          id,
          ownerId,
          ingested.chunks.map((c) => ({
            index: c.index,
            page: c.page,
            start: c.start,
            end: c.end,
            text: c.text,
          })),
        );
        await this.storage.commit(id);
        await this.repo.setStatus(id, 'pending', 'ready', this.clock.now());
        this.events.publish({
          type: 'document.ready',
          userId: ownerId,
          occurredAt: this.clock.now(),
          data: {
            documentId: id,
            title: ingested.title,
            kind: ingested.kind,
            pageCount: ingested.pageCount,
          },
        });
      } catch (error) {
        await this.discard(id);
        throw error;
      }
      return toView((await this.repo.findById(id))!);
    } finally {
      this.inFlight.delete(id);
    }
  }

  /** The caller's own documents, or the shared library of published ones. */
  async list(
    userId: string,
    scope: 'mine' | 'library',
    limit: number,
    cursor?: string,
  ): Promise<Page<DocumentView>> {
    const rows =
      scope === 'library'
        ? await this.repo.listPublished(limit + 1, cursor)
        : await this.repo.listReady(userId, limit + 1, cursor);
    return toPage(rows.map(toView), limit);
  }

  /**
   * Read and practise access to documents for users who neither own them nor find them in the library
   * (a marketplace licence). Everything granted under one `source` is revoked together.
   */
  async grantAccess(source: string, userId: string, documentIds: string[]): Promise<void> {
    await this.grants.grant(source, userId, documentIds, this.clock.now());
  }

  /** Revokes what `source` granted: to one user, or to everyone. */
  async revokeAccess(source: string, userId?: string): Promise<void> {
    await this.grants.revoke(source, userId);
  }

  /** Read access: the owner, anyone when the document is published, or the holder of a grant. */
  async get(userId: string, id: string): Promise<DocumentView> {
    return toView(await this.requireReadable(userId, id));
  }

  /** Publishing puts a document in the shared library, so a class can practise on its questions. */
  async setPublished(ownerId: string, id: string, published: boolean): Promise<DocumentView> {
    const doc = await this.repo.setPublished(ownerId, id, published);
    if (!doc) throw new NotFoundError('Document');
    await this.cacheTags.invalidate(`document:${id}`);
    return toView(doc);
  }

  /** Whose question bank a user practises from on this document: its owner, if the user may read it. */
  async practiceOwner(userId: string, documentId: string): Promise<string | null> {
    return (await this.findReadable(userId, documentId))?.ownerId ?? null;
  }

  private async requireReadable(userId: string, id: string): Promise<DocumentRecord> {
    const doc = await this.findReadable(userId, id);
    if (!doc) throw new NotFoundError('Document');
    return doc;
  }

  private async findReadable(userId: string, id: string): Promise<DocumentRecord | null> {
    const own = await this.repo.findReadable(userId, id);
    if (own) return own;
    return (await this.grants.exists(userId, id)) ? this.repo.findReadyById(id) : null;
  }

  /** The ready document, or NotFoundError (also for someone else's). For other modules. */
  async requireReady(ownerId: string, id: string): Promise<DocumentRecord> {
    const doc = await this.repo.findReady(ownerId, id);
    if (!doc) throw new NotFoundError('Document');
    return doc;
  }

  async isReady(ownerId: string, id: string): Promise<boolean> {
    return (await this.repo.findReady(ownerId, id)) !== null;
  }

  async rename(ownerId: string, id: string, title: string): Promise<DocumentView> {
    const doc = await this.repo.rename(ownerId, id, title);
    if (!doc) throw new NotFoundError('Document');
    await this.cacheTags.invalidate(`document:${id}`);
    return toView(doc);
  }

  /**
   * The original file of a readable document: a stream, or, when presigned downloads are configured and
   * the driver offers them, a short-lived URL to redirect to (the ownership check stays here).
   */
  async openFile(
    ownerId: string,
    id: string,
  ): Promise<
    { document: DocumentView; stream: Readable } | { document: DocumentView; url: string }
  > {
    const doc = await this.requireReadable(ownerId, id);
    const seconds = this.config.storage.s3.presignedDownloadSeconds;
    if (seconds > 0 && (await this.storage.exists(id))) {
      const url = await this.storage.downloadUrl(id, seconds, doc.filename);
      if (url) return { document: toView(doc), url };
    }
    const stream = await this.storage.openRead(id);
    if (!stream) throw new NotFoundError('Document file');
    return { document: toView(doc), stream };
  }

  async pageChunks(
    ownerId: string,
    id: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<ChunkRecord>> {
    await this.requireReadable(ownerId, id);
    return toPage(await this.repo.pageChunks(id, limit + 1, cursor), limit);
  }

  /** Every chunk of an owned document, in order (generation reads them all; documents are bounded by the upload limit). */
  async allChunks(ownerId: string, id: string): Promise<ChunkRecord[]> {
    await this.requireReady(ownerId, id);
    const chunks: ChunkRecord[] = [];
    for (;;) {
      const batch = await this.repo.listChunks(id, 500, chunks.at(-1)?.index ?? -1);
      chunks.push(...batch);
      if (batch.length < 500) return chunks;
    }
  }

  /** Chunks of a document by id (ids must be hex ObjectIds). */
  async findChunks(documentId: string, chunkIds: string[]): Promise<ChunkRecord[]> {
    return this.repo.findChunksIn({ documentId }, chunkIds);
  }

  /** The owner's chunks among these ids, whatever their document (import resolves citations by chunk). */
  async findOwnedChunks(ownerId: string, chunkIds: string[]): Promise<ChunkRecord[]> {
    return this.repo.findChunksIn({ ownerId }, chunkIds);
  }

  /**
   * Deletes the document with its chunks, questions and file; refuses with 409 while a test uses one of
   * its questions. Marked `deleting` first, so a crash half-way is finished by the clean-up job.
   */
  async delete(ownerId: string, id: string): Promise<void> {
    await this.requireReady(ownerId, id);
    await this.assertDeletable(ownerId, id);
    if (!(await this.repo.setStatus(id, 'ready', 'deleting', this.clock.now())))
      throw new NotFoundError('Document');
    // A test may have taken one of the questions between the check and the mark.
    const late = await this.blocker(ownerId, id);
    if (late) {
      await this.repo.setStatus(id, 'deleting', 'ready', this.clock.now());
      throw new ConflictError(late);
    }
    await this.finishDeletion(ownerId, id);
    await this.cacheTags.invalidate(`document:${id}`);
  }

  /**
   * Repairs what crashes left behind, for uploads and deletions older than `olderThan`: a pending document
   * with all its chunks and its file is completed, otherwise removed; a deletion is finished; files with no
   * document are removed.
   */
  async repair(olderThan: Date): Promise<RepairReport> {
    const report: RepairReport = { completed: 0, removed: 0, orphanFiles: 0 };
    for (const doc of await this.repo.findStale(olderThan, 200)) {
      if (this.inFlight.has(doc.id)) continue;
      if (doc.status === 'deleting') {
        await this.finishDeletion(doc.ownerId, doc.id);
        report.removed++;
      } else if (await this.isComplete(doc)) {
        await this.storage.commit(doc.id);
        await this.repo.setStatus(doc.id, 'pending', 'ready', this.clock.now());
        report.completed++;
      } else {
        await this.discard(doc.id);
        report.removed++;
      }
    }
    const files = (await this.storage.list()).filter(
      (f) => f.modifiedAt < olderThan && !this.inFlight.has(f.id),
    );
    const known = await this.repo.existingIds([...new Set(files.map((f) => f.id))]);
    for (const file of files) {
      if (known.has(file.id) && !file.unfinished) continue;
      await this.storage.removeEntry(file);
      report.orphanFiles++;
    }
    if (report.completed || report.removed || report.orphanFiles)
      this.logger.log(
        `Repaired documents: ${report.completed} completed, ${report.removed} removed, ${report.orphanFiles} orphan files`,
      );
    return report;
  }

  private async receive(id: string, source: UploadSource, maxBytes: number) {
    let written: { size: number; sha256: string };
    try {
      written = await this.storage.writeTemp(id, source.stream, maxBytes);
    } catch (error) {
      // The store is unavailable (503): said as such, not blamed on the upload.
      if (error instanceof DomainError) throw error;
      if (error instanceof FileTooLargeError || isMultipartTooLarge(error))
        throw new PayloadTooLargeError(`The file is larger than the limit of ${maxBytes} bytes`, {
          reason: 'too-large',
          limit: maxBytes,
        });
      throw new InvalidInputError(`The upload was interrupted: ${(error as Error).message}`);
    }
    if (source.truncated()) {
      await this.storage.remove(id);
      throw new PayloadTooLargeError(`The file is larger than the limit of ${maxBytes} bytes`, {
        reason: 'too-large',
        limit: maxBytes,
      });
    }
    if (written.size === 0) {
      await this.storage.remove(id);
      throw new InvalidInputError('The file is empty.', { reason: 'empty' });
    }
    return written;
  }

  private async assertDeletable(ownerId: string, id: string): Promise<void> {
    const reason = await this.blocker(ownerId, id);
    if (reason) throw new ConflictError(reason);
  }

  private async blocker(ownerId: string, id: string): Promise<string | null> {
    for (const hook of this.hooks) {
      const reason = await hook.blocker(ownerId, id);
      if (reason) return reason;
    }
    return null;
  }

  private async finishDeletion(ownerId: string, id: string): Promise<void> {
    for (const hook of this.hooks) await hook.purge(ownerId, id);
    await this.grants.deleteForDocument(id);
    if (await this.blocker(ownerId, id)) {
      // Marked for a test while deleting: keep the document and what the test uses.
      await this.repo.setStatus(id, 'deleting', 'ready', this.clock.now());
      return;
    }
    await this.repo.deleteChunks(id);
    await this.storage.remove(id);
    await this.repo.deleteDocument(id);
  }

  private async isComplete(doc: DocumentRecord): Promise<boolean> {
    const hasFile =
      (await this.storage.exists(doc.id)) || (await this.storage.exists(doc.id, true));
    return hasFile && (await this.repo.countChunks(doc.id)) === doc.chunkCount;
  }

  /** Removes every trace of an upload that did not complete. */
  private async discard(id: string): Promise<void> {
    await this.repo.deleteChunks(id);
    await this.repo.deleteDocument(id);
    await this.storage.remove(id);
  }
}
