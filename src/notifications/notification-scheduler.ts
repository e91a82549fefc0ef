import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '../common/clock';
import { UsersService } from '../users/users.service';
import { NotificationPreferencesRepository } from './notification-preferences.repository';
import { NotificationsService } from './notifications.service';

/** Users read per page: memory stays bounded whatever the number of users. */
export const SCHEDULER_PAGE_SIZE = 200;
const SLOT_MS = 5 * 60_000;
const SLOT_PREFIX = 'notifications:';

export interface PassResult {
  ran: boolean;
  users: number;
  queued: number;
}

/**
 * Every five minutes one instance of the cluster (whichever claims the slot first, by a unique insert)
 * walks all users a page at a time in _id order and queues the emails due for each. Each email is keyed
 * by (user, type, local date) in the outbox, so a repeated or concurrent pass queues nothing twice.
 */
@Injectable()
export class NotificationScheduler {
  private readonly logger = new Logger('NotificationScheduler');
  private running = false;

  constructor(
    private readonly users: UsersService,
    private readonly preferences: NotificationPreferencesRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  @Interval(60_000)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.runSlot();
    } catch (error) {
      this.logger.error(`Notification pass failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** Runs the pass of the current slot if no instance has claimed it yet. */
  async runSlot(): Promise<PassResult> {
    const now = this.clock.now();
    const slotStart = new Date(Math.floor(now.getTime() / SLOT_MS) * SLOT_MS).toISOString();
    if (!(await this.preferences.claimSlot(`${SLOT_PREFIX}${slotStart}`, now)))
      return { ran: false, users: 0, queued: 0 };
    const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
    await this.preferences.pruneSlots(SLOT_PREFIX, dayAgo);
    return { ran: true, ...(await this.pass()) };
  }

  /** One pass over every user at the clock's now (idempotent: see the class comment). */
  async pass(pageSize = SCHEDULER_PAGE_SIZE): Promise<{ users: number; queued: number }> {
    const now = this.clock.now();
    let after: string | undefined;
    let users = 0;
    let queued = 0;
    for (;;) {
      const page = await this.users.pageAfter(after, pageSize);
      if (page.length === 0) break;
      const stored = await this.preferences.findMany(page.map((user) => user.id));
      for (const user of page) {
        try {
          queued += await this.notifications.sendDue(user, stored.get(user.id), now);
        } catch (error) {
          this.logger.warn(`Notifications for user ${user.id} failed: ${(error as Error).message}`);
        }
      }
      users += page.length;
      after = page[page.length - 1].id;
      if (page.length < pageSize) break;
    }
    return { users, queued };
  }
}
