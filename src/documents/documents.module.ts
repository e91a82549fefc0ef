import multipart from '@fastify/multipart';
import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../config';
import { DocumentCleanupJob } from './document-cleanup.job';
import { DocumentGrantsRepository } from './document-grants.repository';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { FileStorage } from './file-storage';
import { DocumentChunk, DocumentChunkSchema } from './schemas/chunk.schema';
import { DocumentGrant, DocumentGrantSchema } from './schemas/document-grant.schema';
import { DocumentSchema, StoredDocument } from './schemas/document.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: StoredDocument.name, schema: DocumentSchema },
      { name: DocumentChunk.name, schema: DocumentChunkSchema },
      { name: DocumentGrant.name, schema: DocumentGrantSchema },
    ]),
  ],
  controllers: [DocumentsController],
  providers: [
    DocumentsRepository,
    DocumentGrantsRepository,
    DocumentsService,
    FileStorage,
    DocumentCleanupJob,
  ],
  exports: [DocumentsService],
})
export class DocumentsModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  /**
   * Multipart parsing for uploads, with the size limit from config (the routes stream the file to disk).
   * Queued, not awaited: awaiting would load plugins before Nest installs its error handler, and Fastify's
   * own errors (bad JSON, too large) would then bypass the global exception filter.
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser('multipart/form-data')) return;
    void fastify.register(multipart, {
      limits: { fileSize: this.config.http.uploadMaxBytes, files: 1, fields: 5, parts: 6 },
      throwFileSizeLimit: true,
    });
  }
}
