import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { seedFromString } from '../common/random/seeded-random';
import type { ChunkRecord } from '../documents/documents.repository';
import { DocumentsService } from '../documents/documents.service';
import { extractKeyTerms } from '../common/text/topics';
import type { JobRecord } from '../infra/jobs/jobs.repository';
import { JobContext, JobsService, PermanentJobError } from '../infra/jobs/jobs.service';
import { questionFingerprint, stemKey } from '../questions/question-fingerprint';
import type { QuestionContent, QuestionType } from '../questions/question.types';
import { QuestionStorageService } from '../questions/question-storage.service';
import { answerInSnippet } from './answer-evidence';
import { GenerationRunsRepository } from './generation-runs.repository';
import { DEFAULT_DIFFICULTY_MIX, type DifficultyMix } from './offline/offline-generator';
import { ProviderError } from './providers/provider-errors';
import { QuestionProvider, UsageMeter } from './providers/provider.types';
import {
  QUESTION_TYPES,
  validateQuestionDraft,
  type QuestionDraft,
} from '../questions/question-draft';

export const GENERATION_JOB = 'question-generation';
/** Spare offline drafts asked for, so that questions the document already has can be dropped. */
const MAX_DRAFTS = 1000;

export interface GenerationRequest {
  count: number;
  types?: QuestionType[];
  difficultyMix?: DifficultyMix;
  topics?: string[];
}

interface GenerationPayload {
  documentId: string;
  count: number;
  types: QuestionType[];
  difficultyMix: DifficultyMix;
  topics: string[];
}

export interface GenerationJobView {
  id: string;
  status: string;
  documentId: string;
  request: Omit<GenerationPayload, 'documentId'>;
  progress: { done: number; total: number };
  attempts: number;
  maxAttempts: number;
  errors: string[];
  questionIds: string[];
  shortfall: string | null;
  usage: {
    provider: string;
    model: string | null;
    inputTokens: number;
    outputTokens: number;
    calls: number;
  };
  events: {
    at: Date;
    jobAttempt: number;
    attempt: number;
    kind: string;
    status: number | null;
    durationMs: number;
    message: string | null;
  }[];
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/**
 * Question generation as a durable background job: the request is queued (idempotently with an
 * Idempotency-Key), the handler asks the configured provider for drafts, keeps those whose cited snippet
 * holds the answer and that the document does not have yet, and stores each under its job slot, so a
 * retried job resumes instead of duplicating.
 */
@Injectable()
export class GenerationService implements OnModuleInit {
  private readonly logger = new Logger('Generation');

  constructor(
    private readonly jobs: JobsService,
    private readonly documents: DocumentsService,
    private readonly questions: QuestionStorageService,
    private readonly provider: QuestionProvider,
    private readonly runs: GenerationRunsRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(GENERATION_JOB, (job, context) => this.run(job, context));
  }

  async request(
    ownerId: string,
    documentId: string,
    request: GenerationRequest,
    idempotencyKey?: string,
  ): Promise<{ job: GenerationJobView; created: boolean }> {
    await this.documents.requireReady(ownerId, documentId);
    const payload = normalise(documentId, request);
    const { job, created } = await this.jobs.enqueue({
      type: GENERATION_JOB,
      ownerId,
      payload: { ...payload },
      idempotencyKey,
    });
    if (!created && JSON.stringify(job.payload) !== JSON.stringify(payload))
      throw new ConflictError('This Idempotency-Key was already used for a different request');
    return { job: await this.view(job), created };
  }

  async get(ownerId: string, jobId: string): Promise<GenerationJobView> {
    const job = await this.jobs.get(jobId, ownerId);
    if (job.type !== GENERATION_JOB) throw new NotFoundError('Job');
    return this.view(job);
  }

  /** The job handler: idempotent, resumes after the questions a previous attempt stored. */
  private async run(job: JobRecord, context: JobContext): Promise<Record<string, unknown>> {
    const payload = job.payload as unknown as GenerationPayload;
    const meter = new UsageMeter();
    try {
      return await this.generate(job, payload, meter, context);
    } catch (error) {
      if (error instanceof ProviderError && !error.retryable)
        throw new PermanentJobError(error.message);
      if (error instanceof NotFoundError)
        throw new PermanentJobError('The document no longer exists');
      throw error;
    } finally {
      await this.runs
        .add({
          jobId: job.id,
          ownerId: job.ownerId,
          provider: this.provider.name,
          model: this.provider.model,
          jobAttempt: job.attempts,
          inputTokens: meter.inputTokens,
          outputTokens: meter.outputTokens,
          calls: meter.calls,
          events: meter.events,
          now: this.clock.now(),
        })
        .catch((error: Error) =>
          this.logger.error(`Could not record generation usage: ${error.message}`),
        );
    }
  }

  private async generate(
    job: JobRecord,
    payload: GenerationPayload,
    meter: UsageMeter,
    context: JobContext,
  ): Promise<Record<string, unknown>> {
    const doc = await this.documents.requireReady(job.ownerId, payload.documentId);
    const stored = await this.questions.generatedByJob(job.id);
    const remaining = payload.count - stored.length;
    await context.progress(stored.length, payload.count);
    if (remaining <= 0)
      return resultOf(
        stored.map((q) => q.id),
        payload.count,
      );
    const chunks = await this.documents.allChunks(job.ownerId, doc.id);
    const existing: QuestionContent[] = [];
    for await (const q of this.questions.stream(job.ownerId, doc.id)) existing.push(q);
    const fingerprints = new Set(existing.map(questionFingerprint));
    const places = new Set(existing.map(placeOf));
    const stems = new Set(existing.map(stemKey));
    const drafts = await this.provider.generate(
      {
        documentTitle: doc.title,
        chunks,
        keyTerms: extractKeyTerms(chunks.map((c) => c.text)),
        topics: doc.topics,
        count:
          this.provider.name === 'offline'
            ? Math.min(remaining + existing.length, MAX_DRAFTS)
            : remaining,
        types: payload.types,
        difficultyMix: payload.difficultyMix,
        topicFilter: payload.topics.length ? payload.topics : undefined,
        avoidStems: existing.map((q) => q.stem),
        seed: seedFromString(job.id),
      },
      meter,
    );
    const byId = new Map(chunks.map((c) => [c.id, c]));
    const ids = stored.map((q) => q.id);
    for (const draft of drafts) {
      if (ids.length >= payload.count) break;
      const content = toContent(draft, byId);
      if (!content) continue;
      const fingerprint = questionFingerprint(content);
      if (
        fingerprints.has(fingerprint) ||
        places.has(placeOf(content)) ||
        stems.has(stemKey(content))
      )
        continue;
      fingerprints.add(fingerprint);
      places.add(placeOf(content));
      stems.add(stemKey(content));
      const view = await this.questions.storeGenerated(job.ownerId, job.id, ids.length, {
        documentId: doc.id,
        content,
        fingerprint,
      });
      ids.push(view.id);
      await context.progress(ids.length, payload.count);
    }
    // A deletion that ran meanwhile purged the questions it saw; remove any stored after it.
    if (!(await this.documents.isReady(job.ownerId, doc.id))) {
      await this.questions.deleteGeneratedByJob(job.id);
      throw new PermanentJobError(
        'The document was deleted while its questions were being generated',
      );
    }
    if (ids.length === 0)
      throw new PermanentJobError(
        payload.topics.length
          ? 'No new questions could be made from this document on these topics'
          : 'No new questions could be made from this document: its material is used up',
      );
    return resultOf(ids, payload.count);
  }

  private async view(job: JobRecord): Promise<GenerationJobView> {
    const payload = job.payload as unknown as GenerationPayload;
    const run = await this.runs.find(job.id);
    const result = (job.result ?? {}) as { questionIds?: string[]; shortfall?: string | null };
    const questionIds =
      result.questionIds ?? (await this.questions.generatedByJob(job.id)).map((q) => q.id);
    return {
      id: job.id,
      status: job.status,
      documentId: payload.documentId,
      request: {
        count: payload.count,
        types: payload.types,
        difficultyMix: payload.difficultyMix,
        topics: payload.topics,
      },
      progress:
        job.status === 'queued' && job.progress.total === 0
          ? { done: 0, total: payload.count }
          : job.progress,
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      errors: job.failures,
      questionIds,
      shortfall: result.shortfall ?? null,
      usage: {
        provider: run?.provider ?? this.provider.name,
        model: run?.model ?? this.provider.model,
        inputTokens: run?.inputTokens ?? 0,
        outputTokens: run?.outputTokens ?? 0,
        calls: run?.calls ?? 0,
      },
      events: (run?.events ?? []).map((e) => ({
        at: e.at,
        jobAttempt: e.jobAttempt,
        attempt: e.attempt,
        kind: e.kind,
        status: e.status ?? null,
        durationMs: e.durationMs,
        message: e.message ?? null,
      })),
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      finishedAt: job.finishedAt,
    };
  }
}

function resultOf(questionIds: string[], requested: number): Record<string, unknown> {
  return {
    questionIds,
    created: questionIds.length,
    requested,
    shortfall:
      questionIds.length < requested
        ? `Only ${questionIds.length} distinct questions could be made from this document`
        : null,
  };
}

function normalise(documentId: string, request: GenerationRequest): GenerationPayload {
  const mix = request.difficultyMix ?? DEFAULT_DIFFICULTY_MIX;
  if (mix.easy + mix.medium + mix.hard <= 0)
    throw new InvalidInputError('difficultyMix must have at least one positive share');
  const types = request.types?.length ? request.types : [...QUESTION_TYPES];
  const topics = [...new Set((request.topics ?? []).map((t) => t.trim()).filter(Boolean))];
  return {
    documentId,
    count: request.count,
    types: QUESTION_TYPES.filter((t) => types.includes(t)),
    difficultyMix: { easy: mix.easy, medium: mix.medium, hard: mix.hard },
    topics,
  };
}

/** Two questions of one type citing the same passage are the same question asked twice. */
function placeOf(q: Pick<QuestionContent, 'type' | 'citation'>): string {
  return q.citation
    ? `${q.type}|${q.citation.chunkId}|${q.citation.start}|${q.citation.end}`
    : `${q.type}|none`;
}

/** A draft as stored content, if it still holds: valid, its snippet is the document's text and holds the answer. */
function toContent(
  draft: QuestionDraft,
  chunks: ReadonlyMap<string, ChunkRecord>,
): QuestionContent | undefined {
  if (validateQuestionDraft(draft).length > 0) return undefined;
  const chunk = chunks.get(draft.citation.chunkId);
  const { start, end, snippet } = draft.citation;
  if (!chunk || start < chunk.start || end > chunk.end) return undefined;
  if (chunk.text.slice(start - chunk.start, end - chunk.start) !== snippet) return undefined;
  if (!answerInSnippet(draft, snippet)) return undefined;
  const short = draft.type === 'short-answer';
  const answer = short ? (draft.answer ?? '').trim() : null;
  return {
    type: draft.type,
    stem: draft.stem,
    choices: short ? [] : (draft.choices ?? []).map((c) => ({ id: c.id, text: c.text })),
    correctChoiceIds: short ? [] : [...(draft.correctChoiceIds ?? [])],
    answer,
    acceptedAnswers: short ? [...new Set([answer!, ...(draft.acceptedAnswers ?? [])])] : [],
    topic: draft.topic,
    difficulty: draft.difficulty,
    explanation: draft.explanation,
    citation: { chunkId: chunk.id, page: chunk.page, start, end, snippet },
  };
}
