import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import type { PlanSettings, PlannedSession, StudyPlan as Plan } from './planner';
import { StudyPlan } from './schemas/study-plan.schema';

export interface PlanRecord {
  id: string;
  userId: string;
  documentIds: string[];
  topics: string[];
  timeZone: string;
  plan: Plan;
  completions: { n: number; at: Date }[];
  replans: number;
  revision: number;
  createdAt: Date;
}

export interface NewPlan {
  userId: string;
  documentIds: string[];
  topics: string[];
  timeZone: string;
  plan: Plan;
  createdAt: Date;
}

type LeanPlan = StudyPlan & { _id: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);

function toSessions(sessions: readonly PlannedSession[]) {
  return sessions.map((s) => ({ ...s, topics: [...s.topics] }));
}

function toRecord(doc: LeanPlan): PlanRecord {
  const settings = doc.settings as unknown as PlanSettings;
  return {
    id: doc._id.toHexString(),
    userId: doc.userId.toHexString(),
    documentIds: doc.documentIds,
    topics: doc.topics,
    timeZone: doc.timeZone,
    plan: {
      settings: {
        ...settings,
        start: new Date(settings.start),
        deadline: new Date(settings.deadline),
        topics: settings.topics.map((t) => ({
          ...t,
          dueReviews: t.dueReviews.map((d) => new Date(d)),
          velocityPerHour: t.velocityPerHour ?? undefined,
        })),
      },
      generatedAt: doc.generatedAt,
      sessions: doc.sessions.map((s) => ({
        n: s.n,
        date: s.date,
        startAt: s.startAt,
        endAt: s.endAt,
        kind: s.kind,
        topics: s.topics,
        minutes: s.minutes,
      })),
      unscheduled: doc.unscheduled,
    },
    completions: doc.completions.map((c) => ({ n: c.n, at: c.at })),
    replans: doc.replans,
    revision: doc.revision,
    createdAt: doc.createdAt,
  };
}

/** Settings are stored as plain JSON; `undefined` velocities become null there. */
function storedSettings(settings: PlanSettings): Record<string, unknown> {
  return {
    ...settings,
    topics: settings.topics.map((t) => ({ ...t, velocityPerHour: t.velocityPerHour ?? null })),
  };
}

/** Every query on study_plans. A plan is read by `_id` alone and its owner checked here. */
@Injectable()
export class StudyPlansRepository {
  constructor(@InjectModel(StudyPlan.name) private readonly plans: Model<StudyPlan>) {}

  async create(input: NewPlan): Promise<PlanRecord> {
    const created = await this.plans.create({
      userId: oid(input.userId),
      documentIds: input.documentIds,
      topics: input.topics,
      timeZone: input.timeZone,
      settings: storedSettings(input.plan.settings),
      sessions: toSessions(input.plan.sessions),
      unscheduled: input.plan.unscheduled,
      completions: [],
      generatedAt: input.plan.generatedAt,
      replans: 0,
      revision: 0,
      createdAt: input.createdAt,
    });
    return toRecord(created.toObject() as LeanPlan);
  }

  async findOwned(userId: string, id: string): Promise<PlanRecord | null> {
    const plan = await this.plans
      .findOne({ _id: oid(id) })
      .lean<LeanPlan>()
      .exec();
    return plan && plan.userId.toHexString() === userId ? toRecord(plan) : null;
  }

  async listPage(userId: string, limit: number, cursor?: string): Promise<PlanRecord[]> {
    const filter: Record<string, unknown> = { userId: oid(userId) };
    if (cursor) filter._id = trusted({ $gt: oid(cursor) });
    const plans = await this.plans
      .find(filter)
      .sort({ _id: 1 })
      .limit(limit + 1)
      .lean<LeanPlan[]>()
      .exec();
    return plans.map(toRecord);
  }

  /** The user's most recent plans, newest first (the calendar feed). */
  async latest(userId: string, limit: number): Promise<PlanRecord[]> {
    const plans = await this.plans
      .find({ userId: oid(userId) })
      .sort({ _id: -1 })
      .limit(limit)
      .lean<LeanPlan[]>()
      .exec();
    return plans.map(toRecord);
  }

  /** Records a completion once (a second call for the same session changes nothing). */
  async complete(userId: string, id: string, n: number, at: Date): Promise<PlanRecord | null> {
    const plan = await this.plans
      .findOneAndUpdate(
        { _id: oid(id), userId: oid(userId), 'completions.n': trusted({ $ne: n }) },
        { $push: { completions: { n, at } }, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      )
      .lean<LeanPlan>()
      .exec();
    return plan ? toRecord(plan) : null;
  }

  /** Replaces the laid-out sessions if the plan is still at `revision`; null otherwise. */
  async replace(
    userId: string,
    id: string,
    revision: number,
    plan: Plan,
  ): Promise<PlanRecord | null> {
    const updated = await this.plans
      .findOneAndUpdate(
        { _id: oid(id), userId: oid(userId), revision },
        {
          $set: {
            sessions: toSessions(plan.sessions),
            unscheduled: plan.unscheduled,
            generatedAt: plan.generatedAt,
          },
          $inc: { revision: 1, replans: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<LeanPlan>()
      .exec();
    return updated ? toRecord(updated) : null;
  }
}
