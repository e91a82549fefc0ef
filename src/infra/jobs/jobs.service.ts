import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../common/clock';
import { NotFoundError } from '../../common/errors';
import { JobRecord, JobsRepository } from './jobs.repository';

export interface JobContext {
  /** Reports progress and extends the lease; call it between units of work. */
  progress(done: number, total: number): Promise<void>;
  attempt: number;
}

/** Handlers must be idempotent: a job runs at least once, and again after a crash or a retryable error. */
export type JobHandler = (job: JobRecord, context: JobContext) => Promise<Record<string, unknown>>;

/** Thrown by a handler for an error that retrying cannot fix (bad input, a rejected reply): the job fails now. */
export class PermanentJobError extends Error {}

const LEASE_MS = 60_000;

const dedupeKeyOf = (type: string, ownerId: string, key: string): string =>
  `${type}:${ownerId}:${key}`;
const POLL_MS = 250;
const BACKOFF_BASE_MS = 1_000;

/**
 * A durable job queue in MongoDB: jobs survive restarts, each is claimed by one instance at a time with a
 * lease (a crashed instance's job is picked up when the lease ends), failures retry with exponential backoff.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, JobHandler>();
  private readonly retryDelays = new Map<string, (attempt: number) => number>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly jobs: JobsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Modules register their handlers at start-up (in onModuleInit). `retryDelayMs` replaces the default
   * exponential backoff (1 s, 2 s, 4 s, …) for jobs that retry on their own schedule.
   */
  register(
    type: string,
    handler: JobHandler,
    options: { retryDelayMs?: (attempt: number) => number } = {},
  ): void {
    this.handlers.set(type, handler);
    if (options.retryDelayMs) this.retryDelays.set(type, options.retryDelayMs);
  }

  /**
   * Queues a job. With an idempotency key, a repeated request returns the job created the first time
   * instead of queueing another.
   */
  async enqueue(input: {
    type: string;
    ownerId: string;
    payload: Record<string, unknown>;
    idempotencyKey?: string;
    maxAttempts?: number;
  }): Promise<{ job: JobRecord; created: boolean }> {
    const dedupeKey = input.idempotencyKey
      ? dedupeKeyOf(input.type, input.ownerId, input.idempotencyKey)
      : `${input.type}:${randomUUID()}`;
    const result = await this.jobs.insertOrFind({
      type: input.type,
      ownerId: input.ownerId,
      dedupeKey,
      payload: input.payload,
      maxAttempts: input.maxAttempts ?? 3,
      runAfter: this.clock.now(),
    });
    this.poke();
    return result;
  }

  /** Whether a job was already queued under this idempotency key (a cheap check before building one). */
  wasQueued(type: string, ownerId: string, idempotencyKey: string): Promise<boolean> {
    return this.jobs.existsWithKey(dedupeKeyOf(type, ownerId, idempotencyKey));
  }

  async get(id: string, ownerId: string): Promise<JobRecord> {
    const job = await this.jobs.findOwned(id, ownerId);
    if (!job) throw new NotFoundError('Job');
    return job;
  }

  onApplicationBootstrap(): void {
    this.schedule(POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private poke(): void {
    if (!this.running) this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopping) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), delay);
    this.timer.unref();
  }

  /** Runs due jobs one after another until none is left, then sleeps until the next poll. */
  private async drain(): Promise<void> {
    if (this.running || this.handlers.size === 0) return this.schedule(POLL_MS);
    let finish!: () => void;
    this.running = new Promise((resolve) => (finish = resolve));
    try {
      while (!this.stopping) {
        const job = await this.jobs.claim(
          [...this.handlers.keys()],
          this.clock.now(),
          this.leaseEnd(),
        );
        if (!job) break;
        await this.execute(job);
      }
    } catch (error) {
      this.logger.error(`Job polling failed: ${(error as Error).message}`);
    } finally {
      this.running = undefined;
      finish();
      this.schedule(POLL_MS);
    }
  }

  private async execute(job: JobRecord): Promise<void> {
    const handler = this.handlers.get(job.type)!;
    const context: JobContext = {
      attempt: job.attempts,
      progress: (done, total) => this.jobs.setProgress(job.id, done, total, this.leaseEnd()),
    };
    try {
      const result = await handler(job, context);
      await this.jobs.succeed(job.id, result, this.clock.now());
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      const permanent = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      if (permanent) {
        this.logger.warn(`Job ${job.id} (${job.type}) failed: ${message}`);
        await this.jobs.fail(job.id, message, this.clock.now());
      } else {
        const delay =
          this.retryDelays.get(job.type)?.(job.attempts) ??
          BACKOFF_BASE_MS * 2 ** (job.attempts - 1);
        await this.jobs.retryLater(job.id, message, new Date(this.clock.now().getTime() + delay));
      }
    }
  }

  private leaseEnd(): Date {
    return new Date(this.clock.now().getTime() + LEASE_MS);
  }
}
