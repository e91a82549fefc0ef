import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { SchedulerName } from './schedulers/scheduler';
import { ReviewSettings } from './schemas/review-settings.schema';

export interface SettingsRecord {
  scheduler: SchedulerName;
  desiredRetention: number;
  easyDays: number[];
  updatedAt: Date;
}

type LeanSettings = ReviewSettings & { _id: Types.ObjectId };

/** Every query on review_settings: one document per student, whose _id is the student's id. */
@Injectable()
export class ReviewSettingsRepository {
  constructor(@InjectModel(ReviewSettings.name) private readonly settings: Model<ReviewSettings>) {}

  async find(userId: string): Promise<SettingsRecord | null> {
    const found = await this.settings
      .findOne({ _id: new Types.ObjectId(userId) })
      .lean<LeanSettings>()
      .exec();
    return found
      ? {
          scheduler: found.scheduler,
          desiredRetention: found.desiredRetention,
          easyDays: found.easyDays ?? [],
          updatedAt: found.updatedAt,
        }
      : null;
  }

  async save(
    userId: string,
    choice: { scheduler: SchedulerName; desiredRetention: number; easyDays: number[] },
  ): Promise<SettingsRecord> {
    const saved = await this.settings
      .findOneAndUpdate(
        { _id: new Types.ObjectId(userId) },
        { $set: choice },
        { upsert: true, returnDocument: 'after', runValidators: true },
      )
      .lean<LeanSettings>()
      .exec();
    return {
      scheduler: saved.scheduler,
      desiredRetention: saved.desiredRetention,
      easyDays: saved.easyDays ?? [],
      updatedAt: saved.updatedAt,
    };
  }
}
