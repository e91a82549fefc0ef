import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { CacheTags } from '../infra/cache/cache-tags.service';
import { LearningChanges } from '../reviews/learning-changes';

/** The cache tag of everything computed from one student's answers and reviews. */
export const learnerTag = (userId: string) => `user:${userId}`;

/**
 * A student's computed figures (analytics, predictions, comparisons). The routes that serve them
 * are `@Cached` with the student's tag; a new review, card or setting invalidates it here (the
 * reviews module knows nothing of the cache), and a new answer where it is recorded.
 */
@Injectable()
export class FiguresCache implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly changes: LearningChanges,
    private readonly tags: CacheTags,
  ) {}

  onModuleInit(): void {
    this.changes.subscribe((userId) => this.tags.invalidate(learnerTag(userId)));
  }

  /** Computes a figure as of now; `name` documents which one. */
  async get<T>(_userId: string, _name: string, compute: (now: Date) => Promise<T>): Promise<T> {
    return compute(this.clock.now());
  }
}
