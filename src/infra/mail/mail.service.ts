import { MailerService } from '@nestjs-modules/mailer';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  /** Extra headers (e.g. List-Unsubscribe). */
  headers?: Record<string, string>;
}

/** The project root's mail-templates/, from src/infra/mail or dist/infra/mail alike. */
export const TEMPLATES_DIR = join(__dirname, '..', '..', '..', 'mail-templates');

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

  /** Queues an email; false when its idempotency key was already used (nothing new is queued). */
  async send(email: Email): Promise<boolean> {
    const { created } = await this.jobs.enqueue({
      type: EMAIL_JOB,
      ownerId: email.ownerId,
      payload: { ...email },
      idempotencyKey: email.idempotencyKey,
      maxAttempts: 5,
    });
    return created;
  }

  /** Whether an email with this key was already queued for the owner. */
  wasQueued(ownerId: string, idempotencyKey: string): Promise<boolean> {
    return this.jobs.wasQueued(EMAIL_JOB, ownerId, idempotencyKey);
  }

  private readonly textTemplates = new Map<string, Handlebars.TemplateDelegate | null>();

  /** The plain-text alternative from `<template>.text.hbs`, when the template has one. */
  private renderText(email: Email): string | undefined {
    if (!this.textTemplates.has(email.template)) {
      const file = join(TEMPLATES_DIR, `${email.template}.text.hbs`);
      this.textTemplates.set(
        email.template,
        existsSync(file)
          ? Handlebars.compile(readFileSync(file, 'utf8'), { strict: true, noEscape: true })
          : null,
      );
    }
    return this.textTemplates.get(email.template)?.(email.context);
  }

  private async deliver(email: Email): Promise<Record<string, unknown>> {
    try {
      const info = (await this.mailer.sendMail({
        from: this.config.mail.from,
        to: email.to,
        subject: email.subject,
        template: email.template,
        context: email.context,
        text: this.renderText(email),
        headers: email.headers,
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
