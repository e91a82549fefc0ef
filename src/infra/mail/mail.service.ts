import { MailerService } from '@nestjs-modules/mailer';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { AppConfig } from '../../config';
import { EMAILS_SENT } from '../metrics/business-metrics';
import { JobsService, PermanentJobError } from '../jobs/jobs.service';

export interface Email {
  to: string;
  subject: string;
  /** File name in mail-templates/ without the .hbs extension. */
  template: string;
  context: Record<string, string | number>;
  /** The user the email is about; owns the outbox job. */
  ownerId: string;
  /** The same key never sends twice. */
  idempotencyKey: string;
}

const EMAIL_JOB = 'email';

/**
 * Emails go through an outbox (a durable job), so a request never waits on SMTP, an email is sent at least
 * once even across restarts, and SMTP failures are retried with backoff.
 */
@Injectable()
export class MailService implements OnModuleInit {
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly mailer: MailerService,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
    @InjectMetric(EMAILS_SENT) private readonly sent: Counter<'type' | 'outcome'>,
  ) {}

  onModuleInit(): void {
    if (!this.config.mail.smtpUrl)
      this.logger.warn('SMTP_URL is not set: emails are written to the log, not sent');
    this.jobs.register(EMAIL_JOB, async (job) => this.deliver(job.payload as unknown as Email));
  }

  async send(email: Email): Promise<void> {
    await this.jobs.enqueue({
      type: EMAIL_JOB,
      ownerId: email.ownerId,
      payload: { ...email },
      idempotencyKey: email.idempotencyKey,
      maxAttempts: 5,
    });
  }

  private async deliver(email: Email): Promise<Record<string, unknown>> {
    try {
      const info = (await this.mailer.sendMail({
        from: this.config.mail.from,
        to: email.to,
        subject: email.subject,
        template: email.template,
        context: email.context,
      })) as { messageId?: string; message?: unknown };
      if (!this.config.mail.smtpUrl)
        this.logger.log(`Email (not sent) to ${email.to}: ${email.subject}`);
      this.sent.inc({ type: email.template, outcome: 'sent' });
      return { messageId: info.messageId ?? null };
    } catch (error) {
      this.sent.inc({ type: email.template, outcome: 'failed' });
      // A missing template will not appear on retry.
      if (/template|ENOENT/i.test((error as Error).message))
        throw new PermanentJobError((error as Error).message);
      throw error;
    }
  }
}
