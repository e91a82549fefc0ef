import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { CallEvent } from './providers/provider.types';
import { GenerationRun, RunEvent } from './schemas/generation-run.schema';

export interface RunRecord {
  provider: string;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  calls: number;
  events: RunEvent[];
}

const MAX_EVENTS_PER_ATTEMPT = 50;

/** Every query on `generation_runs`. */
@Injectable()
export class GenerationRunsRepository {
  constructor(@InjectModel(GenerationRun.name) private readonly runs: Model<GenerationRun>) {}

  /** Adds one attempt's usage and events to the job's run record (created on first use). */
  async add(entry: {
    jobId: string;
    ownerId: string;
    provider: string;
    model: string | null;
    jobAttempt: number;
    inputTokens: number;
    outputTokens: number;
    calls: number;
    events: CallEvent[];
    now: Date;
  }): Promise<void> {
    const events: RunEvent[] = entry.events.slice(-MAX_EVENTS_PER_ATTEMPT).map((e) => ({
      at: entry.now,
      jobAttempt: entry.jobAttempt,
      attempt: e.attempt,
      kind: e.kind,
      status: e.status ?? null,
      durationMs: e.durationMs,
      message: e.message?.slice(0, 1000) ?? null,
    }));
    await this.runs
      .updateOne(
        { jobId: new Types.ObjectId(entry.jobId) },
        {
          $setOnInsert: { ownerId: new Types.ObjectId(entry.ownerId) },
          $set: { provider: entry.provider, model: entry.model },
          $inc: {
            inputTokens: entry.inputTokens,
            outputTokens: entry.outputTokens,
            calls: entry.calls,
          },
          $push: { events: { $each: events } },
        },
        { upsert: true },
      )
      .exec();
  }

  async find(jobId: string): Promise<RunRecord | null> {
    const run = await this.runs
      .findOne({ jobId: new Types.ObjectId(jobId) })
      .lean<GenerationRun>()
      .exec();
    if (!run) return null;
    return {
      provider: run.provider,
      model: run.model ?? null,
      inputTokens: run.inputTokens ?? 0,
      outputTokens: run.outputTokens ?? 0,
      calls: run.calls ?? 0,
      events: run.events ?? [],
    };
  }
}
