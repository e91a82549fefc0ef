import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import { DocumentsService } from '../documents/documents.service';
import { isObjectIdHex } from '../common/validation';
import type { DraftError } from './question-draft';
import { questionFingerprint, topicKey } from './question-fingerprint';
import type { CitationInput, QuestionInput } from './question-input';
import { toQuestionView } from './question-view';
import type {
  QuestionCitation,
  QuestionContent,
  QuestionView,
  QuestionWithExplanation,
} from './question.types';
import { QuestionsRepository } from './questions.repository';
import type { CachedExplanation } from './schemas/question.schema';

/** A question ready to be stored by generation or import. */
export interface PreparedQuestion {
  documentId: string | null;
  content: QuestionContent;
  fingerprint: string;
}

/**
 * Storing questions in bulk for generation and import, checking a question's document and
 * citation, and the cached explanations. Returns views.
 */
@Injectable()
export class QuestionStorageService {
  constructor(
    private readonly repo: QuestionsRepository,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
  ) {}

  /** The owner's question with its cached explanation, or NotFoundError. */
  async withExplanation(ownerId: string, id: string): Promise<QuestionWithExplanation> {
    const q = isObjectIdHex(id) ? await this.repo.findOwned(ownerId, id.toLowerCase()) : null;
    if (!q) throw new NotFoundError('Question');
    return { ...toQuestionView(q), cachedExplanation: q.cachedExplanation };
  }

  /** Questions a generation job stored so far (a retried job resumes after them). */
  async generatedByJob(jobId: string): Promise<QuestionView[]> {
    return (await this.repo.findByGenerationJob(jobId)).map(toQuestionView);
  }

  /** Removes what a generation job stored (its document was deleted meanwhile). */
  async deleteGeneratedByJob(jobId: string): Promise<void> {
    const stored = await this.repo.findByGenerationJob(jobId);
    await this.repo.deleteByIds(stored.map((q) => q.id));
  }

  /**
   * Stores a generated question under its job slot; storing the same slot again (a retried job) returns the
   * stored one instead of a copy.
   */
  async storeGenerated(
    ownerId: string,
    jobId: string,
    slot: number,
    question: PreparedQuestion,
  ): Promise<QuestionView> {
    const { record } = await this.repo.insert(
      {
        ...question.content,
        ownerId,
        documentId: question.documentId,
        source: 'generated',
        dedupeKey: `gen:${jobId}:${slot}`,
        generationJobId: jobId,
        fingerprint: question.fingerprint,
        topicKey: topicKey(question.content.topic),
      },
      this.clock.now(),
    );
    return toQuestionView(record);
  }

  /** Stores an imported question; the same batch row stored twice (a retried import) is stored once. */
  async storeImported(
    ownerId: string,
    dedupeKey: string,
    question: PreparedQuestion,
  ): Promise<{ view: QuestionView; created: boolean }> {
    const { record, created } = await this.repo.insert(
      {
        ...question.content,
        ownerId,
        documentId: question.documentId,
        source: 'imported',
        dedupeKey,
        fingerprint: question.fingerprint,
        topicKey: topicKey(question.content.topic),
      },
      this.clock.now(),
    );
    return { view: toQuestionView(record), created };
  }

  /** Deletes questions an import stored before it failed (all-or-nothing). */
  async undoImport(ownerId: string, dedupeKeys: string[]): Promise<void> {
    const stored = await this.repo.findByDedupeKeys(ownerId, dedupeKeys);
    await this.repo.deleteByIds(stored.map((q) => q.id));
  }

  async cacheExplanation(id: string, version: number, cached: CachedExplanation): Promise<void> {
    await this.repo.setCachedExplanation(id, version, cached);
  }

  /** Streams the owner's questions in id order (what generation must not repeat). */
  async *stream(ownerId: string, documentId?: string): AsyncGenerator<QuestionView> {
    for await (const record of this.repo.streamForOwner(ownerId, documentId))
      yield toQuestionView(record);
  }

  /**
   * Checks a question's document and citation against the owner's documents: the document must be one of
   * theirs, the cited section one of its sections and the snippet text of that section (located when no
   * offsets are given). Returns field errors instead of throwing, for per-row import reports.
   */
  async prepare(
    ownerId: string,
    input: QuestionInput,
  ): Promise<{ value?: PreparedQuestion; errors: DraftError[] }> {
    let citation: QuestionCitation | null = null;
    if (input.documentId) {
      const doc = await this.documents.requireReady(ownerId, input.documentId).catch(() => null);
      if (!doc) return { errors: [{ field: 'documentId', message: 'no such document of yours' }] };
      if (input.citation) {
        const resolved = await this.resolveCitation(input.documentId, input.citation);
        if ('error' in resolved) return { errors: [resolved.error] };
        citation = resolved.citation;
      }
    }
    const content: QuestionContent = { ...input.content, citation };
    return {
      errors: [],
      value: {
        documentId: input.documentId,
        content,
        fingerprint: questionFingerprint(content),
      },
    };
  }

  private async resolveCitation(
    documentId: string,
    input: CitationInput,
  ): Promise<{ citation: QuestionCitation } | { error: DraftError }> {
    const [chunk] = await this.documents.findChunks(documentId, [input.chunkId]);
    if (!chunk)
      return { error: { field: 'citation.chunkId', message: 'no such section in the document' } };
    let start: number;
    if (input.start !== undefined) {
      start = input.start;
      const end = input.end ?? start + input.snippet.length;
      const inside =
        start >= chunk.start && end <= chunk.end && end - start === input.snippet.length;
      if (!inside || chunk.text.slice(start - chunk.start, end - chunk.start) !== input.snippet)
        return {
          error: {
            field: 'citation.snippet',
            message: 'is not the text at that range of the section',
          },
        };
    } else {
      const at = chunk.text.indexOf(input.snippet);
      if (at < 0)
        return {
          error: { field: 'citation.snippet', message: 'is not found in the cited section' },
        };
      start = chunk.start + at;
    }
    return {
      citation: {
        chunkId: chunk.id,
        page: chunk.page,
        start,
        end: start + input.snippet.length,
        snippet: input.snippet,
      },
    };
  }
}
