import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { LearningCache } from './learning-cache.service';
import { SessionHistoryService } from '../sessions/session-history.service';

interface CachedFigure<T> {
  value: T;
  asOf: string;
  /** Answers at or after `asOf` when the figure was computed (usually 0). */
  answersSinceAsOf: number;
}

/**
 * Caches a student's computed figures (analytics, predictions, comparisons) in Redis through
 * LearningCache, and keeps them honest:
 * - a new review or card starts a new cache generation (the reviews module invalidates it);
 * - a new answer is noticed by counting the student's answers since the figure was computed
 *   (a bounded, indexed query), since the sessions module knows nothing of this cache;
 * - a figure is keyed by the minute of the clock it was computed at, so it never outlives the
 *   time it describes (mastery fades, windows slide), also under a test clock.
 */
@Injectable()
export class FiguresCache {
  constructor(
    private readonly cache: LearningCache,
    private readonly sessions: SessionHistoryService,
    private readonly clock: Clock,
  ) {}

  async get<T>(userId: string, name: string, compute: (now: Date) => Promise<T>): Promise<T> {
    const now = this.clock.now();
    const minute = Math.floor(now.getTime() / 60_000);
    const entry = await this.cache.remember<CachedFigure<T>>(
      userId,
      `${name}@${minute}`,
      async () => ({
        value: await compute(now),
        asOf: now.toISOString(),
        answersSinceAsOf: await this.answersSince(userId, now),
      }),
      async (cached) =>
        (await this.answersSince(userId, new Date(cached.asOf))) === cached.answersSinceAsOf,
    );
    return entry.value;
  }

  private async answersSince(userId: string, since: Date): Promise<number> {
    let count = 0;
    for await (const answer of this.sessions.streamAnswers(userId, { since })) {
      if (answer) count += 1;
    }
    return count;
  }
}
