import { Injectable } from '@nestjs/common';
import { hkdfSync } from 'node:crypto';
import { Clock } from '../common/clock';
import { InvalidInputError, TooManyRequestsError } from '../common/errors';
import { AppConfig } from '../config';
import { MailService } from '../infra/mail/mail.service';
import { ReviewsService } from '../reviews/reviews.service';
import { UserRecord } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { PreferencesDto, UpdatePreferencesDto } from './dto/preferences.dto';
import { NotificationPreferencesRepository } from './notification-preferences.repository';
import { DEFAULT_PREFERENCES, dueMails, NotificationType, Preferences } from './preferences';
import { UnsubscribeTokens } from './unsubscribe-token';

/** Unsubscribe links work for 60 days after the email. */
const UNSUBSCRIBE_TTL_MS = 60 * 86_400_000;
/** Without a measured pace, a reminder estimates this many seconds per due card. */
const SECONDS_PER_CARD = 10;
const DAY_MS = 86_400_000;

export type TestMailType = 'reviewReminders' | 'weeklyReports';

/** Preferences, the content of scheduled emails, one-click unsubscribe. */
@Injectable()
export class NotificationsService {
  private readonly tokens: UnsubscribeTokens;

  constructor(
    private readonly repo: NotificationPreferencesRepository,
    private readonly users: UsersService,
    private readonly reviews: ReviewsService,
    private readonly mail: MailService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.tokens = new UnsubscribeTokens(
      Buffer.from(hkdfSync('sha256', config.auth.jwtSecret, '', 'unsubscribe', 32)),
    );
  }

  async preferencesOf(userId: string): Promise<PreferencesDto> {
    const user = await this.users.getById(userId);
    return this.toDto(user, (await this.repo.find(userId)) ?? DEFAULT_PREFERENCES);
  }

  async updatePreferences(userId: string, changes: UpdatePreferencesDto): Promise<PreferencesDto> {
    const given = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (given.length === 0) throw new InvalidInputError('must change at least one setting');
    const user = await this.users.getById(userId);
    const current = (await this.repo.find(userId)) ?? DEFAULT_PREFERENCES;
    const next: Preferences = { ...current, ...Object.fromEntries(given) };
    if ((next.quietStart === null) !== (next.quietEnd === null))
      throw new InvalidInputError('quietStart and quietEnd are set or cleared together');
    return this.toDto(user, await this.repo.save(userId, next));
  }

  /** Turns one type off for the token's user; repeating it changes nothing. */
  async unsubscribe(token: string): Promise<{ type: NotificationType }> {
    const claim = this.tokens.verify(token, this.clock.now());
    if (!claim) throw new InvalidInputError('This unsubscribe link is invalid or has expired');
    const current = (await this.repo.find(claim.userId)) ?? DEFAULT_PREFERENCES;
    if (current[claim.type])
      await this.repo.save(claim.userId, { ...current, [claim.type]: false });
    return { type: claim.type };
  }

  /** The scheduler's decision for one user at `now`: queues what is due, keyed by type and local date. */
  async sendDue(user: UserRecord, stored: Preferences | undefined, now: Date): Promise<number> {
    const preferences = stored ?? DEFAULT_PREFERENCES;
    const due = dueMails(preferences, user.timezone, now);
    let queued = 0;
    // Most passes of a day find the day's mail already queued: skip building it again.
    if (
      due.reminder &&
      !(await this.mail.wasQueued(user.id, `reviewReminders:${due.reminder}`)) &&
      (await this.sendReminder(user, preferences, due.reminder))
    )
      queued++;
    if (
      due.weeklyReport &&
      !(await this.mail.wasQueued(user.id, `weeklyReports:${due.weeklyReport}`)) &&
      (await this.sendWeeklyReport(user, due.weeklyReport))
    )
      queued++;
    return queued;
  }

  /** A test email of one type to the caller; one per type per minute (429 beyond that). */
  async sendTest(userId: string, type: TestMailType): Promise<void> {
    const user = await this.users.getById(userId);
    const minute = this.clock.now().toISOString().slice(0, 16);
    const period = `test:${minute}`;
    const created =
      type === 'reviewReminders'
        ? await this.sendReminder(user, DEFAULT_PREFERENCES, period, true)
        : await this.sendWeeklyReport(user, period);
    if (!created) throw new TooManyRequestsError('One test email per type per minute');
  }

  private async sendReminder(
    user: UserRecord,
    preferences: Preferences,
    period: string,
    always = false,
  ): Promise<boolean> {
    const calendar = await this.reviews.schedule(user.id, 1);
    const dueCount = calendar.total;
    if (!always && (dueCount === 0 || dueCount < preferences.reminderMinDue)) return false;
    const queue = await this.reviews.queue(user.id, { limit: 100 });
    const topics = new Map<string, number>();
    for (const item of queue.items) topics.set(item.topic, (topics.get(item.topic) ?? 0) + 1);
    const top = [...topics.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const minutes = Math.max(1, Math.ceil((dueCount * SECONDS_PER_CARD) / 60));
    return this.sendType(user, 'reviewReminders', period, {
      subject: `${dueCount} review${dueCount === 1 ? '' : 's'} waiting for you`,
      template: 'review-reminder',
      context: {
        dueToday: calendar.days[0]?.due ?? 0,
        overdue: calendar.overdue,
        total: dueCount,
        topics: top.length ? top.map(([topic, n]) => `${topic} (${n})`).join(', ') : 'none yet',
        minutes,
      },
    });
  }

  private async sendWeeklyReport(user: UserRecord, period: string): Promise<boolean> {
    const now = this.clock.now();
    const sittings = await this.reviews.sittingsOf(
      user.id,
      new Date(now.getTime() - 7 * DAY_MS),
      now,
    );
    const forecast = await this.reviews.schedule(user.id, 7);
    return this.sendType(user, 'weeklyReports', period, {
      subject: 'Your week of learning',
      template: 'weekly-report',
      context: {
        sittings: sittings.length,
        dueNextWeek: forecast.total,
        overdue: forecast.overdue,
      },
    });
  }

  private async sendType(
    user: UserRecord,
    type: NotificationType,
    period: string,
    email: { subject: string; template: string; context: Record<string, string | number> },
  ): Promise<boolean> {
    const token = this.tokens.sign({
      userId: user.id,
      type,
      expiresAt: new Date(this.clock.now().getTime() + UNSUBSCRIBE_TTL_MS),
    });
    const unsubscribeUrl = `${this.config.http.publicUrl.replace(/\/+$/, '')}/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
    return this.mail.send({
      to: user.email,
      subject: email.subject,
      template: email.template,
      context: {
        ...email.context,
        name: user.name,
        unsubscribeUrl,
        preferencesUrl: `${this.config.http.appUrl}/settings/notifications`,
      },
      ownerId: user.id,
      idempotencyKey: `${type}:${period}`,
      headers: {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  }

  private toDto(user: UserRecord, preferences: Preferences): PreferencesDto {
    return { ...preferences, timeZone: user.timezone };
  }
}
