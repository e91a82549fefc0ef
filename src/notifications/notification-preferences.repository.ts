import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { Preferences } from './preferences';
import { NotificationPreferences } from './schemas/notification-preferences.schema';
import { SchedulerRun } from './schemas/scheduler-run.schema';
import { WriteGuard } from '../infra/database';

type LeanPreferences = NotificationPreferences & { _id: Types.ObjectId };

const toPreferences = (row: LeanPreferences): Preferences => ({
  reviewReminders: row.reviewReminders,
  reminderTime: row.reminderTime,
  reminderMinDue: row.reminderMinDue,
  weeklyReports: row.weeklyReports,
  weeklyReportDay: row.weeklyReportDay,
  milestones: row.milestones,
  streaks: row.streaks,
  quietStart: row.quietStart ?? null,
  quietEnd: row.quietEnd ?? null,
});

/** Every query on notification_preferences (one document per user, _id = user id) and the scheduler's slots. */
@Injectable()
export class NotificationPreferencesRepository {
  constructor(
    @InjectModel(NotificationPreferences.name)
    private readonly preferences: Model<NotificationPreferences>,
    @InjectModel(SchedulerRun.name) private readonly runs: Model<SchedulerRun>,
    private readonly guard: WriteGuard,
  ) {}

  async find(userId: string): Promise<Preferences | null> {
    const row = await this.preferences
      .findOne({ _id: new Types.ObjectId(userId) })
      .lean<LeanPreferences>()
      .exec();
    return row ? toPreferences(row) : null;
  }

  /** The stored preferences of a page of users, by user id (users without a document are absent). */
  async findMany(userIds: readonly string[]): Promise<Map<string, Preferences>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.preferences
      .find({ _id: trusted({ $in: userIds.map((id) => new Types.ObjectId(id)) }) })
      .lean<LeanPreferences[]>()
      .exec();
    return new Map(rows.map((row) => [row._id.toHexString(), toPreferences(row)]));
  }

  /** Writes the whole set (the service merges changes into the current one first). */
  async save(userId: string, preferences: Preferences): Promise<Preferences> {
    const row = await this.guard.write(() =>
      this.preferences
        .findOneAndUpdate(
          { _id: new Types.ObjectId(userId) },
          { $set: preferences },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<LeanPreferences>()
        .exec(),
    );
    return toPreferences(row!);
  }

  /** Claims a scheduler slot for this instance; false when another instance already has it. */
  async claimSlot(slot: string, now: Date): Promise<boolean> {
    const created = await this.guard.insertUnique(() =>
      this.runs.create({ _id: slot, claimedAt: now }),
    );
    return created !== null;
  }

  /** Forgets slots before `before` (same prefix, ISO times sort as text). */
  async pruneSlots(prefix: string, before: string): Promise<void> {
    await this.guard.write(() =>
      this.runs.deleteMany({ _id: trusted({ $gte: prefix, $lt: `${prefix}${before}` }) }).exec(),
    );
  }
}
