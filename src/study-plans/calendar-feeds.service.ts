import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import { AppConfig } from '../config';
import { ReviewsService } from '../reviews/reviews.service';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { studyCalendar, type ReviewDay } from './ical';
import { StudyPlansRepository } from './study-plans.repository';

export interface FeedCreated {
  /** The subscription URL; shown once (only its hash is stored). */
  url: string;
  createdAt: Date;
}

export interface FeedStatus {
  active: boolean;
  createdAt: Date | null;
}

export interface RenderedFeed {
  body: string;
  etag: string;
  lastModified: Date;
}

/** Plans in the feed: the most recent ones, and sessions from the last 30 days on. */
const FEED_PLANS = 10;
const PAST_SESSIONS_MS = 30 * 86_400_000;
/** Days ahead with review counts. */
const REVIEW_DAYS = 60;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Calendar subscriptions: a secret, revocable URL that calendar apps poll without signing in. It carries
 * the student's study-plan sessions and, on each day with reviews due, an all-day event with the count.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    private readonly feeds: CalendarFeedsRepository,
    private readonly plans: StudyPlansRepository,
    private readonly reviews: ReviewsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A new feed URL (256 random bits); the previous one stops working. */
  async create(userId: string): Promise<FeedCreated> {
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.clock.now();
    await this.feeds.create(hashToken(token), userId, createdAt);
    await this.feeds.removeForUser(userId, hashToken(token));
    return { url: `${this.config.http.publicUrl}/calendar/${token}.ics`, createdAt };
  }

  async status(userId: string): Promise<FeedStatus> {
    const feed = await this.feeds.findForUser(userId);
    return { active: feed !== null, createdAt: feed?.createdAt ?? null };
  }

  async revoke(userId: string): Promise<void> {
    if ((await this.feeds.removeForUser(userId)) === 0) throw new NotFoundError('Calendar feed');
  }

  /** The feed behind a token, or NotFoundError (revoked, or never issued). */
  async render(token: string): Promise<RenderedFeed> {
    const feed = /^[A-Za-z0-9_-]{43}$/.test(token)
      ? await this.feeds.findByHash(hashToken(token))
      : null;
    if (!feed) throw new NotFoundError('Calendar feed');
    const now = this.clock.now();
    const since = now.getTime() - PAST_SESSIONS_MS;
    const plans = await this.plans.latest(feed.userId, FEED_PLANS);
    const due = await this.reviews.schedule(feed.userId, REVIEW_DAYS);
    const reviewDays: ReviewDay[] = due.days
      .map((day, i) => ({ date: day.date, cards: day.due + (i === 0 ? due.overdue : 0) }))
      .filter((day) => day.cards > 0);
    const content = {
      plans: plans.map((p) => ({
        planId: p.id,
        sessions: p.plan.sessions.filter((s) => s.endAt.getTime() >= since),
      })),
      reviewDays,
    };
    // DTSTAMP is when the content last changed, so an unchanged feed is byte-identical (and its ETag).
    const lastModified = new Date(
      Math.max(feed.createdAt.getTime(), ...plans.map((p) => p.plan.generatedAt.getTime())),
    );
    const body = studyCalendar(content, {
      uidDomain: this.config.learning.calendarUidDomain,
      now: lastModified,
      name: 'Study plan',
    });
    return {
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      lastModified,
    };
  }
}
