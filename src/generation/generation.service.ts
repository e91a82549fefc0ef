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
import { DEFAULT_DIFFICULTY_MIX, topicKey, type DifficultyMix } from './offline/offline-generator';
import { ProviderError } from './providers/provider-errors';
import { QuestionProvider, UsageMeter } from './providers/provider.types';
import {
  QUESTION_TYPES,
  validateQuestionDraft,
  type QuestionDraft,
} from '../questions/question-draft';
import { EventBus } from '../infra/events/event-bus';
import { QuestionsService } from '../questions/questions.service';
import { SessionHistoryService } from '../sessions/session-history.service';
import { mixFor, type PlannedTopic } from './adaptive-plan';

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
  /** Adaptive generation: the topics and difficulties planned for the student when asked. */
  plan?: PlannedTopic[];
}

/** Why a question of an adaptive job was asked for: its topic, target difficulty, the estimate. */
export interface GenerationReason {
  questionId: string;
  topic: string;
  targetDifficulty: PlannedTopic['targetDifficulty'];
  estimate: PlannedTopic['estimate'];
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
  /** Adaptive jobs: the plan made from the student's estimates, and each question's reason. */
  adaptive: { plan: PlannedTopic[]; reasons: GenerationReason[] } | null;
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
    private readonly events: EventBus,
    private readonly history: SessionHistoryService,
    private readonly bank: QuestionsService,
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
    return this.enqueue(ownerId, normalise(documentId, request), idempotencyKey);
  }

  /**
   * Queues an adaptive job: `plan` (from AdaptiveGenerationService) fixes each topic's count and
   * difficulty; questions the student has answered anywhere are avoided as well.
   */
  async requestPlanned(
    ownerId: string,
    documentId: string,
    request: Omit<GenerationRequest, 'difficultyMix'>,
    plan: PlannedTopic[],
    idempotencyKey?: string,
  ): Promise<{ job: GenerationJobView; created: boolean }> {
    const payload = normalise(documentId, request);
    return this.enqueue(ownerId, { ...payload, plan }, idempotencyKey);
  }

  private async enqueue(
    ownerId: string,
    payload: GenerationPayload,
    idempotencyKey?: string,
  ): Promise<{ job: GenerationJobView; created: boolean }> {
    const { job, created } = await this.jobs.enqueue({
      type: GENERATION_JOB,
      ownerId,
      payload: { ...payload },
      idempotencyKey,
    });
    // An adaptive plan depends on the moment it was made: a retry is the same request if it asked the same.
    const asked = (p: GenerationPayload) => JSON.stringify({ ...p, plan: p.plan !== undefined });
    if (!created && asked(job.payload as unknown as GenerationPayload) !== asked(payload))
      throw new ConflictError('This Idempotency-Key was already used for a different request');
    return { job: await this.view(job), created };
  }

  async get(ownerId: string, jobId: string): Promise<GenerationJobView> {
    const job = await this.jobs.get(jobId, ownerId);
    if (job.type !== GENERATION_JOB) throw new NotFoundError('Job');
    return this.view(job);
  }

  private publishFinished(
    job: JobRecord,
    payload: GenerationPayload,
    status: 'succeeded' | 'failed',
    result: Record<string, unknown>,
  ): void {
    this.events.publish({
      type: 'generation.finished',
      userId: job.ownerId,
      occurredAt: this.clock.now(),
      data: { jobId: job.id, documentId: payload.documentId, status, ...result },
    });
  }

  /** The job handler: idempotent, resumes after the questions a previous attempt stored. */
  private async run(job: JobRecord, context: JobContext): Promise<Record<string, unknown>> {
    const payload = job.payload as unknown as GenerationPayload;
    const meter = new UsageMeter();
    try {
      const result = await this.generate(job, payload, meter, context);
      this.publishFinished(job, payload, 'succeeded', result);
      return result;
    } catch (error) {
      const permanent =
        error instanceof PermanentJobError
          ? error
          : error instanceof ProviderError && !error.retryable
            ? new PermanentJobError(error.message)
            : error instanceof NotFoundError
              ? new PermanentJobError('The document no longer exists')
              : null;
      if (!permanent) throw error;
      this.publishFinished(job, payload, 'failed', { error: permanent.message });
      throw permanent;
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
    if (payload.plan) {
      for await (const stem of this.stemsSeenBy(job.ownerId)) stems.add(stem);
    }
    const byId = new Map(chunks.map((c) => [c.id, c]));
    const ids = stored.map((q) => q.id);
    const storedTopics = stored.map((q) => topicKey(q.topic));
    // One slot per planned topic (its difficulty, its count); a topic that falls short passes its
    // remainder on to the next. A plain request is one slot.
    const slots = payload.plan
      ? payload.plan.map((p) => ({
          topics: [p.topic],
          difficultyMix: mixFor(p.targetDifficulty.level),
          count: p.count,
        }))
      : [{ topics: payload.topics, difficultyMix: payload.difficultyMix, count: payload.count }];
    let carried = 0;
    for (const slot of slots) {
      const quota = payload.plan
        ? slot.count + carried - storedTopics.filter((t) => t === topicKey(slot.topics[0])).length
        : payload.count - ids.length;
      let made = 0;
      if (quota > 0 && ids.length < payload.count) {
        const drafts = await this.provider.generate(
          {
            documentTitle: doc.title,
            chunks,
            keyTerms: extractKeyTerms(chunks.map((c) => c.text)),
            topics: doc.topics,
            count:
              this.provider.name === 'offline'
                ? Math.min(quota + existing.length + stems.size, MAX_DRAFTS)
                : quota,
            types: payload.types,
            difficultyMix: slot.difficultyMix,
            topicFilter: slot.topics.length ? slot.topics : undefined,
            avoidStems: existing.map((q) => q.stem),
            seed: seedFromString(job.id),
          },
          meter,
        );
        for (const draft of drafts) {
          if (made >= quota || ids.length >= payload.count) break;
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
          made++;
          await context.progress(ids.length, payload.count);
        }
      }
      carried = Math.max(0, quota - made);
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

  /** Stems of the questions the student has answered, in any session. */
  private async *stemsSeenBy(userId: string): AsyncIterable<string> {
    const ids = new Set<string>();
    for await (const answer of this.history.streamAnswers(userId)) ids.add(answer.questionId);
    const all = [...ids];
    for (let i = 0; i < all.length; i += 200) {
      for (const q of await this.bank.getManyUnchecked(all.slice(i, i + 200))) yield stemKey(q);
    }
  }

  private async reasons(jobId: string, plan: PlannedTopic[]): Promise<GenerationReason[]> {
    const byTopic = new Map(plan.map((p) => [topicKey(p.topic), p]));
    return (await this.questions.generatedByJob(jobId)).flatMap((q) => {
      const planned = byTopic.get(topicKey(q.topic));
      return planned
        ? [
            {
              questionId: q.id,
              topic: planned.topic,
              targetDifficulty: planned.targetDifficulty,
              estimate: planned.estimate,
            },
          ]
        : [];
    });
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
      adaptive: payload.plan
        ? { plan: payload.plan, reasons: await this.reasons(job.id, payload.plan) }
        : null,
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
