import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { CalendarFeed } from './schemas/calendar-feed.schema';

export interface FeedRecord {
  userId: string;
  createdAt: Date;
}

const oid = (id: string) => new Types.ObjectId(id);

/** Every query on `calendar_feeds`. */
@Injectable()
export class CalendarFeedsRepository {
  constructor(@InjectModel(CalendarFeed.name) private readonly feeds: Model<CalendarFeed>) {}

  async create(tokenHash: string, userId: string, now: Date): Promise<void> {
    await this.feeds.create({ _id: tokenHash, userId: oid(userId), createdAt: now });
  }

  /** Removes the user's feeds, except the one given (the feed that replaces them). */
  async removeForUser(userId: string, keep?: string): Promise<number> {
    const feeds = await this.feeds
      .find({ userId: oid(userId) }, { _id: 1 })
      .lean()
      .exec();
    const stale = feeds.map((f) => f._id).filter((id) => id !== keep);
    if (stale.length === 0) return 0;
    const { deletedCount } = await this.feeds.deleteMany({ _id: trusted({ $in: stale }) }).exec();
    return deletedCount;
  }

  async findByHash(tokenHash: string): Promise<FeedRecord | null> {
    const feed = await this.feeds.findById(tokenHash).lean<CalendarFeed>().exec();
    return feed ? { userId: feed.userId.toHexString(), createdAt: feed.createdAt } : null;
  }

  async findForUser(userId: string): Promise<FeedRecord | null> {
    const feed = await this.feeds
      .findOne({ userId: oid(userId) })
      .lean<CalendarFeed>()
      .exec();
    return feed ? { userId, createdAt: feed.createdAt } : null;
  }
}
