import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import {
  Experiment,
  type ExperimentStatus,
  type MetricAggregate,
  type MetricKind,
  type TargetRole,
} from './schemas/experiment.schema';
import { ExperimentExposure } from './schemas/exposure.schema';
import { ExperimentEvent } from './schemas/metric-event.schema';

export interface ExperimentRecord {
  id: string;
  key: string;
  description: string;
  salt: string;
  variants: { key: string; weight: number; value: string | null }[];
  control: string;
  metrics: { key: string; kind: MetricKind; aggregate: MetricAggregate }[];
  targetRoles: TargetRole[];
  targetPercent: number;
  minimumSampleSize: number;
  status: ExperimentStatus;
  startedAt: Date | null;
  stoppedAt: Date | null;
  createdAt: Date;
}

export type NewExperiment = Omit<
  ExperimentRecord,
  'id' | 'createdAt' | 'status' | 'startedAt' | 'stoppedAt'
> & { createdBy: string };

export type ExperimentChanges = Partial<
  Pick<
    ExperimentRecord,
    | 'description'
    | 'variants'
    | 'control'
    | 'metrics'
    | 'targetRoles'
    | 'targetPercent'
    | 'minimumSampleSize'
    | 'status'
    | 'startedAt'
    | 'stoppedAt'
  >
>;

export interface ExposureRecord {
  userId: string;
  variant: string;
  exposedAt: Date;
}

type LeanExperiment = Experiment & { _id: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);

const toRecord = (e: LeanExperiment): ExperimentRecord => ({
  id: e._id.toHexString(),
  key: e.key,
  description: e.description ?? '',
  salt: e.salt,
  variants: e.variants.map((v) => ({ key: v.key, weight: v.weight, value: v.value ?? null })),
  control: e.control,
  metrics: e.metrics.map((m) => ({ key: m.key, kind: m.kind, aggregate: m.aggregate ?? 'sum' })),
  targetRoles: e.targetRoles ?? [],
  targetPercent: e.targetPercent ?? 100,
  minimumSampleSize: e.minimumSampleSize ?? 100,
  status: e.status,
  startedAt: e.startedAt ?? null,
  stoppedAt: e.stoppedAt ?? null,
  createdAt: e.createdAt,
});

@Injectable()
export class ExperimentsRepository {
  constructor(
    @InjectModel(Experiment.name) private readonly experiments: Model<Experiment>,
    @InjectModel(ExperimentExposure.name) private readonly exposures: Model<ExperimentExposure>,
    @InjectModel(ExperimentEvent.name) private readonly events: Model<ExperimentEvent>,
    private readonly guard: WriteGuard,
  ) {}

  /** Null when the key is taken (unique index). */
  async create(input: NewExperiment): Promise<ExperimentRecord | null> {
    const created = await this.guard.insertUnique(() =>
      this.experiments.create({ ...input, createdBy: oid(input.createdBy), status: 'draft' }),
    );
    return created ? toRecord(created.toObject() as LeanExperiment) : null;
  }

  async findById(id: string): Promise<ExperimentRecord | null> {
    const e = await this.experiments.findById(oid(id)).lean<LeanExperiment>().exec();
    return e ? toRecord(e) : null;
  }

  async findByKey(key: string): Promise<ExperimentRecord | null> {
    const e = await this.experiments.findOne({ key }).lean<LeanExperiment>().exec();
    return e ? toRecord(e) : null;
  }

  /** All experiments in id order, `limit + 1` from after the cursor. */
  async list(limit: number, cursor?: string): Promise<ExperimentRecord[]> {
    const filter = cursor ? { _id: trusted({ $gt: oid(cursor) }) } : {};
    const rows = await this.experiments
      .find(filter)
      .sort({ _id: 1 })
      .limit(limit + 1)
      .lean<LeanExperiment[]>()
      .exec();
    return rows.map(toRecord);
  }

  async running(): Promise<ExperimentRecord[]> {
    const rows = await this.experiments
      .find({ status: 'running' })
      .sort({ _id: 1 })
      .lean<LeanExperiment[]>()
      .exec();
    return rows.map(toRecord);
  }

  /**
   * Applies changes when the experiment is still in `fromStatus` (a concurrent status change makes
   * it null). Experiments are changed by administrators, rarely; the guard serialises them here.
   */
  async update(
    id: string,
    fromStatus: ExperimentStatus,
    changes: ExperimentChanges,
  ): Promise<ExperimentRecord | null> {
    return this.guard.exclusive(`experiment:${id}`, async () => {
      const e = await this.guard.write(() =>
        this.experiments
          .findOneAndUpdate(
            { _id: oid(id), status: fromStatus },
            { $set: changes },
            {
              returnDocument: 'after',
            },
          )
          .lean<LeanExperiment>()
          .exec(),
      );
      return e ? toRecord(e) : null;
    });
  }

  /** The user's exposure: the existing one when a first exposure was already logged. */
  async expose(
    experimentId: string,
    userId: string,
    variant: string,
    at: Date,
  ): Promise<ExposureRecord> {
    const { value } = await this.guard.insertOrFind(
      async () => {
        await this.exposures.create({
          experimentId: oid(experimentId),
          userId: oid(userId),
          variant,
          exposedAt: at,
        });
        return { userId, variant, exposedAt: at };
      },
      () => this.exposureOf(experimentId, userId),
    );
    return value;
  }

  async exposureOf(experimentId: string, userId: string): Promise<ExposureRecord | null> {
    const e = await this.exposures
      .findOne({ experimentId: oid(experimentId), userId: oid(userId) })
      .lean<ExperimentExposure>()
      .exec();
    return e ? { userId, variant: e.variant, exposedAt: e.exposedAt } : null;
  }

  async countExposed(experimentId: string, variant: string): Promise<number> {
    return this.exposures.countDocuments({ experimentId: oid(experimentId), variant }).exec();
  }

  /** Calls `each` with every exposure of the experiment (streamed, not held in memory twice). */
  async forEachExposure(
    experimentId: string,
    each: (userId: string, variant: string) => void,
  ): Promise<void> {
    const cursor = this.exposures
      .find({ experimentId: oid(experimentId) }, { userId: 1, variant: 1 })
      .lean<ExperimentExposure[]>()
      .cursor();
    for await (const e of cursor) each(e.userId.toHexString(), e.variant);
  }

  /** False when the idempotency key was already used by this user in this experiment. */
  async recordEvent(input: {
    experimentId: string;
    userId: string;
    metric: string;
    value: number;
    idempotencyKey: string;
    at: Date;
  }): Promise<boolean> {
    const created = await this.guard.insertUnique(() =>
      this.events.create({
        ...input,
        experimentId: oid(input.experimentId),
        userId: oid(input.userId),
      }),
    );
    return created !== null;
  }

  /** Calls `each` with every event of one metric (streamed). */
  async forEachEvent(
    experimentId: string,
    metric: string,
    each: (userId: string, value: number) => void,
  ): Promise<void> {
    const cursor = this.events
      .find({ experimentId: oid(experimentId), metric }, { userId: 1, value: 1 })
      .lean<ExperimentEvent[]>()
      .cursor();
    for await (const e of cursor) each(e.userId.toHexString(), e.value);
  }
}
