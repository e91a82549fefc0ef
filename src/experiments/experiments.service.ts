import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { Role } from '../common/decorators';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { toPage } from '../common/pagination';
import { isObjectIdHex } from '../common/validation';
import { EventBus, type DomainEvent } from '../infra/events/event-bus';
import { UsersService } from '../users/users.service';
import { assignVariant, inPercent } from './assignment';
import type {
  AssignmentDto,
  CreateExperimentDto,
  ExperimentDto,
  ExperimentPageDto,
  MetricInputDto,
  ResultsDto,
  TrackDto,
  TrackResultDto,
  UpdateExperimentDto,
  VariantInputDto,
} from './dto/experiment.dto';
import {
  ExperimentsRepository,
  type ExperimentChanges,
  type ExperimentRecord,
} from './experiments.repository';
import { computeResults, perUserValues } from './results';
import type { ExperimentStatus } from './schemas/experiment.schema';

/** Metrics the product tracks itself when an experiment declares them. */
export const PRODUCT_METRICS = {
  /** Conversion: the user finished a session (session.finished, not expired). */
  sessionCompleted: 'session-completed',
  /** Continuous: the score (0–1) of each finished session. */
  sessionScore: 'session-score',
} as const;

export interface VariantChoice {
  variant: string;
  value: string | null;
  inExperiment: boolean;
}

const NEXT_STATUS: Record<ExperimentStatus, ExperimentStatus | null> = {
  draft: 'running',
  running: 'stopped',
  stopped: null,
};

const toDto = (e: ExperimentRecord): ExperimentDto => ({
  id: e.id,
  key: e.key,
  description: e.description,
  variants: e.variants.map((v) => ({ ...v })),
  control: e.control,
  metrics: e.metrics.map((m) => ({ ...m })),
  targetRoles: [...e.targetRoles],
  targetPercent: e.targetPercent,
  minimumSampleSize: e.minimumSampleSize,
  status: e.status,
  startedAt: e.startedAt,
  stoppedAt: e.stoppedAt,
  createdAt: e.createdAt,
});

/**
 * A/B experiments: sticky hashed assignment, exposure logged once per user, idempotent metric
 * events, and results with the statistics of src/common/stats.
 */
@Injectable()
export class ExperimentsService implements OnModuleInit {
  constructor(
    private readonly repository: ExperimentsRepository,
    private readonly users: UsersService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('experiments', (event) => this.onDomainEvent(event));
  }

  async create(adminId: string, input: CreateExperimentDto): Promise<ExperimentDto> {
    const variants = checkVariants(input.variants, input.control);
    const metrics = checkMetrics(input.metrics);
    const created = await this.repository.create({
      key: input.key,
      description: input.description ?? '',
      salt: randomBytes(16).toString('hex'),
      variants,
      control: input.control,
      metrics,
      targetRoles: input.targetRoles ?? [],
      targetPercent: input.targetPercent ?? 100,
      minimumSampleSize: input.minimumSampleSize ?? 100,
      createdBy: adminId,
    });
    if (!created) throw new ConflictError(`An experiment with key "${input.key}" exists`);
    return toDto(created);
  }

  async list(limit: number, cursor?: string): Promise<ExperimentPageDto> {
    return toPage((await this.repository.list(limit, cursor)).map(toDto), limit);
  }

  async get(idOrKey: string): Promise<ExperimentDto> {
    return toDto(await this.resolve(idOrKey));
  }

  /**
   * Changes an experiment. The status only moves forwards (draft → running → stopped); variants,
   * weights, metrics and the population are frozen once it runs.
   */
  async update(idOrKey: string, input: UpdateExperimentDto): Promise<ExperimentDto> {
    const experiment = await this.resolve(idOrKey);
    const changes: ExperimentChanges = {};
    const design =
      input.variants !== undefined ||
      input.control !== undefined ||
      input.metrics !== undefined ||
      input.targetRoles !== undefined ||
      input.targetPercent !== undefined;
    if (design && experiment.status !== 'draft') {
      throw new ConflictError(
        'Variants, weights, metrics and the population are frozen once the experiment runs',
      );
    }
    if (input.variants !== undefined || input.control !== undefined) {
      changes.variants = input.variants
        ? checkVariants(input.variants, input.control ?? experiment.control)
        : checkVariants(experiment.variants, input.control!);
      changes.control = input.control ?? experiment.control;
    }
    if (input.metrics !== undefined) changes.metrics = checkMetrics(input.metrics);
    if (input.targetRoles !== undefined) changes.targetRoles = input.targetRoles;
    if (input.targetPercent !== undefined) changes.targetPercent = input.targetPercent;
    if (input.description !== undefined) changes.description = input.description;
    if (input.minimumSampleSize !== undefined) changes.minimumSampleSize = input.minimumSampleSize;
    if (input.status !== undefined && input.status !== experiment.status) {
      if (NEXT_STATUS[experiment.status] !== input.status) {
        throw new ConflictError(
          `An experiment moves draft → running → stopped; it cannot go from ${experiment.status} to ${input.status}`,
        );
      }
      changes.status = input.status;
      if (input.status === 'running') changes.startedAt = this.clock.now();
      if (input.status === 'stopped') changes.stoppedAt = this.clock.now();
    }
    const updated = await this.repository.update(experiment.id, experiment.status, changes);
    if (!updated) throw new ConflictError('The experiment changed meanwhile; read it and retry');
    return toDto(updated);
  }

  /** GET /variant: the caller's variant, logging the first exposure. */
  async assignment(user: { id: string; role: Role }, idOrKey: string): Promise<AssignmentDto> {
    const experiment = await this.resolve(idOrKey);
    return { experiment: experiment.key, ...(await this.choose(experiment, user)) };
  }

  /**
   * The user's variant in the experiment with this key, for product decisions. Without a running
   * experiment of that key everyone gets `null` (the caller keeps its default); users outside the
   * population get the control and are not counted. The first call in the population logs the
   * exposure.
   */
  async variantFor(userId: string, key: string): Promise<VariantChoice | null> {
    const experiment = await this.repository.findByKey(key);
    if (!experiment || experiment.status !== 'running') return null;
    const role =
      experiment.targetRoles.length > 0 ? (await this.users.getById(userId)).role : 'student';
    return this.choose(experiment, { id: userId, role });
  }

  /** POST /track: a metric event for the caller, or for a user when an administrator says so. */
  async trackRequest(
    caller: { id: string; role: Role },
    idOrKey: string,
    input: TrackDto,
    idempotencyKey: string | undefined,
  ): Promise<TrackResultDto> {
    if (input.userId !== undefined && input.userId !== caller.id && caller.role !== 'admin') {
      throw new NotFoundError('User');
    }
    const experiment = await this.resolve(idOrKey);
    return this.track(
      experiment,
      input.userId ?? caller.id,
      input.metric,
      input.value ?? 1,
      idempotencyKey,
    );
  }

  /** Tracks a metric from product code; nothing happens without a running experiment of that key. */
  async trackFor(
    userId: string,
    key: string,
    metric: string,
    value: number,
    idempotencyKey: string,
  ): Promise<TrackResultDto | null> {
    const experiment = await this.repository.findByKey(key);
    if (!experiment) return null;
    return this.track(experiment, userId, metric, value, idempotencyKey);
  }

  async results(idOrKey: string): Promise<ResultsDto> {
    const experiment = await this.resolve(idOrKey);
    const exposed = new Map<string, number>();
    for (const variant of experiment.variants) {
      exposed.set(variant.key, await this.repository.countExposed(experiment.id, variant.key));
    }
    const usersByVariant = new Map<string, string[]>(experiment.variants.map((v) => [v.key, []]));
    await this.repository.forEachExposure(experiment.id, (userId, variant) =>
      usersByVariant.get(variant)?.push(userId),
    );
    const values = new Map<string, Map<string, number[]>>();
    for (const metric of experiment.metrics) {
      const perUser = new Map<string, { sum: number; count: number }>();
      await this.repository.forEachEvent(experiment.id, metric.key, (userId, value) => {
        const entry = perUser.get(userId) ?? { sum: 0, count: 0 };
        entry.sum += value;
        entry.count += 1;
        perUser.set(userId, entry);
      });
      values.set(
        metric.key,
        new Map(
          [...usersByVariant].map(([variant, users]) => [
            variant,
            perUserValues(metric.kind, metric.aggregate, users, perUser),
          ]),
        ),
      );
    }
    const view = computeResults({
      variants: experiment.variants,
      control: experiment.control,
      metrics: experiment.metrics,
      minimumSampleSize: experiment.minimumSampleSize,
      exposed,
      values,
    });
    return { experiment: experiment.key, status: experiment.status, ...view };
  }

  private async choose(
    experiment: ExperimentRecord,
    user: { id: string; role: Role },
  ): Promise<VariantChoice> {
    const control = experiment.variants.find((v) => v.key === experiment.control)!;
    const outside = { variant: control.key, value: control.value, inExperiment: false };
    if (experiment.status !== 'running') return outside;
    if (experiment.targetRoles.length > 0 && !experiment.targetRoles.includes(user.role)) {
      return outside;
    }
    if (!inPercent(experiment.salt, user.id, experiment.targetPercent)) return outside;
    const chosen = assignVariant(experiment.salt, user.id, experiment.variants);
    // The stored exposure wins: the variant stays what the user first saw.
    const exposure = await this.repository.expose(
      experiment.id,
      user.id,
      chosen.key,
      this.clock.now(),
    );
    const shown = experiment.variants.find((v) => v.key === exposure.variant) ?? chosen;
    return { variant: shown.key, value: shown.value, inExperiment: true };
  }

  private async track(
    experiment: ExperimentRecord,
    userId: string,
    metric: string,
    value: number,
    idempotencyKey: string | undefined,
  ): Promise<TrackResultDto> {
    const declared = experiment.metrics.find((m) => m.key === metric);
    if (!declared) {
      throw new InvalidInputError(
        `Metric "${metric}" is not declared by experiment ${experiment.key}`,
      );
    }
    if (experiment.status !== 'running') return { recorded: false, reason: 'not-running' };
    const now = this.clock.now();
    const exposure = await this.repository.exposureOf(experiment.id, userId);
    if (!exposure || exposure.exposedAt.getTime() > now.getTime()) {
      return { recorded: false, reason: 'not-exposed' };
    }
    const recorded = await this.repository.recordEvent({
      experimentId: experiment.id,
      userId,
      metric,
      value: declared.kind === 'conversion' ? (value > 0 ? 1 : 0) : value,
      idempotencyKey: idempotencyKey ?? randomUUID(),
      at: now,
    });
    return recorded ? { recorded: true, reason: null } : { recorded: false, reason: 'duplicate' };
  }

  /** Session completion and score, tracked for every running experiment that declares them. */
  private async onDomainEvent(event: DomainEvent): Promise<void> {
    if (event.type !== 'session.finished') return;
    const sessionId = String(event.data.sessionId);
    const running = await this.repository.running();
    for (const experiment of running) {
      const declares = (metric: string) => experiment.metrics.some((m) => m.key === metric);
      if (declares(PRODUCT_METRICS.sessionCompleted) && event.data.status === 'finished') {
        await this.track(
          experiment,
          event.userId,
          PRODUCT_METRICS.sessionCompleted,
          1,
          `session:${sessionId}`,
        );
      }
      if (declares(PRODUCT_METRICS.sessionScore) && typeof event.data.score === 'number') {
        await this.track(
          experiment,
          event.userId,
          PRODUCT_METRICS.sessionScore,
          event.data.score,
          `session-score:${sessionId}`,
        );
      }
    }
  }

  private async resolve(idOrKey: string): Promise<ExperimentRecord> {
    const experiment = isObjectIdHex(idOrKey)
      ? await this.repository.findById(idOrKey.toLowerCase())
      : await this.repository.findByKey(idOrKey);
    if (!experiment) throw new NotFoundError('Experiment');
    return experiment;
  }
}

function checkVariants(
  variants: readonly VariantInputDto[],
  control: string,
): { key: string; weight: number; value: string | null }[] {
  const keys = new Set(variants.map((v) => v.key));
  if (keys.size !== variants.length) throw new InvalidInputError('Variant keys must be unique');
  if (!keys.has(control)) throw new InvalidInputError('control must be the key of a variant');
  return variants.map((v) => ({ key: v.key, weight: v.weight, value: v.value ?? null }));
}

function checkMetrics(metrics: readonly MetricInputDto[]) {
  if (new Set(metrics.map((m) => m.key)).size !== metrics.length) {
    throw new InvalidInputError('Metric keys must be unique');
  }
  return metrics.map((m) => ({
    key: m.key,
    kind: m.kind,
    aggregate: m.aggregate ?? ('sum' as const),
  }));
}
