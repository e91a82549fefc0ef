/**
 * The notification scheduler's pass over many users: pages of users in _id order, their stored
 * preferences by _id $in, and the local-time decision per user. Figures: wall time of one pass and the
 * heap growth during it (bounded by the page size, not the number of users). The per-user content
 * queries (due cards) run only for users whose mail is due, and are not part of this measurement: the
 * preferences here keep everyone's reminder in the future.
 */
import mongoose, { Types } from 'mongoose';
import { ManualClock, SystemClock } from '../../src/common/clock';
import type { AppConfig } from '../../src/config/app-config';
import { RedisService } from '../../src/infra/redis/redis.service';
import { writeGuardFor } from '../../src/infra/database/write-guard';
import { NotificationScheduler } from '../../src/notifications/notification-scheduler';
import { NotificationPreferencesRepository } from '../../src/notifications/notification-preferences.repository';
import type { NotificationsService } from '../../src/notifications/notifications.service';
import { dueMails, DEFAULT_PREFERENCES } from '../../src/notifications/preferences';
import {
  NotificationPreferences,
  NotificationPreferencesSchema,
} from '../../src/notifications/schemas/notification-preferences.schema';
import {
  SchedulerRun,
  SchedulerRunSchema,
} from '../../src/notifications/schemas/scheduler-run.schema';
import { User, UserSchema } from '../../src/users/schemas/user.schema';
import { UsersRepository } from '../../src/users/users.repository';
import { UsersService } from '../../src/users/users.service';
import { benchBackends, machineLoad, startFerretDb } from './engines';
import { EventBus } from '../../src/infra/events/event-bus';

const QUICK = process.argv.includes('--quick');
const SIZES = QUICK ? [1_000] : [1_000, 10_000];
const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Sydney'];

async function main(): Promise<void> {
  console.log(machineLoad());
  for (const backend of await benchBackends()) {
    const database = await startFerretDb(backend);
    try {
      for (const size of SIZES) {
        mongoose.set('strictQuery', true);
        mongoose.set('sanitizeFilter', true);
        const connection = await mongoose
          .createConnection(`${database.uri}bench_notifications_${size}`)
          .asPromise();
        const users = connection.model(User.name, UserSchema);
        const prefs = connection.model(NotificationPreferences.name, NotificationPreferencesSchema);
        const runs = connection.model(SchedulerRun.name, SchedulerRunSchema);
        await Promise.all([users.init(), prefs.init(), runs.init()]);
        const guard = writeGuardFor('ferretdb');
        const now = new Date('2026-03-09T03:00:00Z');
        for (let from = 0; from < size; from += 1000) {
          const batch = Array.from({ length: Math.min(1000, size - from) }, (_, i) => ({
            _id: new Types.ObjectId(),
            email: `u${from + i}@example.org`,
            emailNormalized: `u${from + i}@example.org`,
            name: `User ${from + i}`,
            role: 'student',
            passwordHash: 'x',
            timezone: ZONES[(from + i) % ZONES.length],
          }));
          await users.insertMany(batch);
          // Every other user has stored preferences (the rest use the defaults).
          await prefs.insertMany(
            batch
              .filter((_, i) => i % 2 === 0)
              .map((u) => ({ _id: u._id, ...DEFAULT_PREFERENCES, reminderTime: '23:59' })),
          );
        }
        let decided = 0;
        // Decides like NotificationsService.sendDue and counts; nothing is due at 23:59 local.
        const notifications = {
          sendDue: async (
            user: { timezone: string },
            stored: typeof DEFAULT_PREFERENCES | undefined,
          ) => {
            decided++;
            const due = dueMails(
              stored ?? { ...DEFAULT_PREFERENCES, reminderTime: '23:59' },
              user.timezone,
              now,
            );
            return (due.reminder ? 1 : 0) + (due.weeklyReport ? 1 : 0);
          },
        } as unknown as NotificationsService;
        const scheduler = new NotificationScheduler(
          // The pass reads no account state, so Redis stays in process.
          new UsersService(
            new UsersRepository(users, guard),
            new RedisService({ redis: { keyPrefix: 'bench:' } } as AppConfig),
            new EventBus(),
            new SystemClock(),
          ),
          new NotificationPreferencesRepository(prefs, runs, guard),
          notifications,
          new ManualClock(now),
        );
        global.gc?.();
        const heapBefore = process.memoryUsage().heapUsed;
        const started = performance.now();
        const result = await scheduler.pass();
        const ms = performance.now() - started;
        const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
        console.log(
          `${backend.padEnd(10)} ${String(size).padStart(6)} users: pass ${ms.toFixed(0).padStart(6)} ms ` +
            `(${((result.users / ms) * 1000).toFixed(0)} users/s), decided ${decided}, queued ${result.queued}, ` +
            `heap +${heapMb.toFixed(1)} MB`,
        );
        await connection.dropDatabase();
        await connection.close();
      }
    } finally {
      await database.stop();
    }
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
