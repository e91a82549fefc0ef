import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted } from 'mongoose';
import { isDuplicateKey, WriteGuard } from '../infra/database';
import { AbilityEstimateDoc } from './schemas/ability-estimate.schema';

export interface Estimate {
  value: number;
  answers: number;
  /** Ids of the latest answers applied. */
  recent: string[];
}

/** How many applied answer ids each estimate remembers, to skip a step repeated by a repair. */
const RECENT_ANSWERS = 50;

export const thetaKey = (userId: string, topic: string) => `theta:${userId}:${topic}`;
export const difficultyKey = (questionId: string) => `difficulty:${questionId}`;

/** Every query on ability_estimates. */
@Injectable()
export class AbilitiesRepository {
  constructor(
    @InjectModel(AbilityEstimateDoc.name) private readonly estimates: Model<AbilityEstimateDoc>,
    private readonly guard: WriteGuard,
  ) {}

  async get(key: string): Promise<Estimate | null> {
    const doc = await this.estimates.findById(key).lean<AbilityEstimateDoc>().exec();
    return doc ? { value: doc.value, answers: doc.answers, recent: doc.recent } : null;
  }

  async getMany(keys: string[]): Promise<Map<string, Estimate>> {
    if (keys.length === 0) return new Map();
    const docs = await this.estimates
      .find({ _id: trusted({ $in: keys }) })
      .lean<AbilityEstimateDoc[]>()
      .exec();
    return new Map(
      docs.map((doc) => [doc._id, { value: doc.value, answers: doc.answers, recent: doc.recent }]),
    );
  }

  /**
   * Adds one answer's Elo step to an estimate (creating it from 0), unless that answer's step is
   * already in it. `$inc` keeps concurrent steps from other instances (MongoDB); the write guard
   * keeps them exact within this one (FerretDB). `seen` is the estimate as the caller just read it, for an
   * answer recorded a moment ago (so not applied yet): it saves reading it again. The bounded list
   * of recent answers is rewritten from it, so a concurrent step from another instance may drop
   * out of the list; that only matters to a repair, which then finds the flag unset and the id
   * missing only if that very answer's effects were interrupted.
   */
  async addStep(
    key: string,
    answerId: string,
    delta: number,
    seen?: Estimate | null,
  ): Promise<void> {
    await this.guard.exclusive(key, async () => {
      let known = seen;
      for (let attempt = 0; ; attempt++) {
        if (known === undefined) {
          const doc = await this.estimates.findById(key).lean<AbilityEstimateDoc>().exec();
          known = doc ? { value: doc.value, answers: doc.answers, recent: doc.recent } : null;
        }
        if (known?.recent.includes(answerId)) return;
        const recent = [...(known?.recent ?? []), answerId].slice(-RECENT_ANSWERS);
        try {
          await this.guard.write(() =>
            this.estimates
              .updateOne(
                { _id: key },
                { $inc: { value: delta, answers: 1 }, $set: { recent } },
                { upsert: true },
              )
              .exec(),
          );
          return;
        } catch (error) {
          // Another instance created the estimate at the same moment: read it and add to it.
          if (!isDuplicateKey(error) || attempt > 0) throw error;
          known = undefined;
        }
      }
    });
  }

  /** Whether an answer's step is among the latest applied to the estimate. */
  async hasStep(key: string, answerId: string): Promise<boolean> {
    const doc = await this.estimates.findById(key).lean<AbilityEstimateDoc>().exec();
    return doc?.recent.includes(answerId) ?? false;
  }
}
