import { Injectable } from '@nestjs/common';

type Listener = (userId: string) => Promise<void>;

/**
 * Tells whoever keeps figures derived from a student's reviews (the analytics cache) that they
 * changed: a new review, card or setting. Reviews know nothing of who listens.
 */
@Injectable()
export class LearningChanges {
  private readonly listeners: Listener[] = [];

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  async changed(userId: string): Promise<void> {
    for (const listener of this.listeners) await listener(userId);
  }
}
