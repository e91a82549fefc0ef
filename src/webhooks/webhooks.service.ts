import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { SecretBox } from '../common/crypto/secret-box';
import type { AuthUser } from '../common/decorators';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { toPage, type Page } from '../common/pagination';
import { AppConfig } from '../config';
import { EventBus, type DomainEvent } from '../infra/events/event-bus';
import { JobsService, type JobContext } from '../infra/jobs/jobs.service';
import { MailService } from '../infra/mail/mail.service';
import { UsersService } from '../users/users.service';
import { MAX_ATTEMPTS, retryDelayMs } from './retry-schedule';
import {
  WEBHOOK_EVENTS,
  type EndpointScope,
  type EndpointSource,
  type WebhookEventType,
} from './schemas/webhook-endpoint.schema';
import { newWebhookSecret, webhookHeaders } from './standard-webhooks';
import { WebhookSender } from './webhook-sender';
import {
  WebhooksRepository,
  type DeliveryRecord,
  type EndpointRecord,
} from './webhooks.repository';

export type EndpointView = Omit<EndpointRecord, 'secretSealed'>;
export type DeliveryView = Omit<DeliveryRecord, 'body' | 'ownerId'> & { payload: unknown };

export interface EndpointInput {
  url: string;
  events: WebhookEventType[];
  description?: string;
  scope?: EndpointScope;
}

const DELIVER_JOB = 'webhook.deliver';
/** The payload format; receivers branch on it when it changes. */
const PAYLOAD_VERSION = 1;

const toView = ({ secretSealed: _s, ...view }: EndpointRecord): EndpointView => view;
const toDeliveryView = ({ body, ownerId: _o, ...view }: DeliveryRecord): DeliveryView => ({
  ...view,
  payload: JSON.parse(body) as unknown,
});

/**
 * Outgoing webhooks: endpoints subscribe to domain events; each event becomes one delivery per endpoint,
 * signed per the Standard Webhooks convention and sent by the durable job queue, retried for about a day.
 * An endpoint whose delivery exhausts its retries is disabled and its owner is told by email.
 */
@Injectable()
export class WebhooksService implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');
  private readonly box: SecretBox;

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly sender: WebhookSender,
    private readonly jobs: JobsService,
    private readonly events: EventBus,
    private readonly mail: MailService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.crypto.encryptionKey);
  }

  onModuleInit(): void {
    this.jobs.register(
      DELIVER_JOB,
      (job, context) => this.deliver(String(job.payload.deliveryId), context),
      { retryDelayMs: (attempt) => retryDelayMs(attempt) },
    );
    this.events.subscribe('webhooks', (event) => this.fanOut(event));
  }

  /** Registers an endpoint; its signing secret is returned this once. */
  async create(
    user: AuthUser,
    input: EndpointInput,
    source: EndpointSource = 'dashboard',
  ): Promise<EndpointView & { secret: string }> {
    if (input.scope === 'all' && user.role !== 'admin')
      throw new ForbiddenError('Only administrators hear every user’s events');
    await this.sender.assertAllowedTarget(input.url);
    const secret = newWebhookSecret();
    const endpoint = await this.repo.createEndpoint({
      ownerId: user.id,
      url: input.url,
      events: [...new Set(input.events)],
      description: input.description ?? '',
      secretSealed: this.box.seal(secret),
      scope: input.scope ?? 'own',
      source,
    });
    return { ...toView(endpoint), secret };
  }

  async list(ownerId: string, limit: number, cursor?: string): Promise<Page<EndpointView>> {
    return toPage((await this.repo.listEndpoints(ownerId, limit + 1, cursor)).map(toView), limit);
  }

  async get(ownerId: string, id: string): Promise<EndpointView> {
    return toView(await this.requireOwned(ownerId, id));
  }

  /** Edits an endpoint; setting `status: active` re-enables one that was disabled. */
  async update(
    ownerId: string,
    id: string,
    changes: { url?: string; events?: WebhookEventType[]; description?: string; status?: 'active' },
  ): Promise<EndpointView> {
    await this.requireOwned(ownerId, id);
    if (changes.url !== undefined) await this.sender.assertAllowedTarget(changes.url);
    const updated = await this.repo.updateEndpoint(ownerId, id, {
      ...(changes.url !== undefined && { url: changes.url }),
      ...(changes.events !== undefined && { events: [...new Set(changes.events)] }),
      ...(changes.description !== undefined && { description: changes.description }),
      ...(changes.status === 'active' && { status: 'active' as const, disabledReason: null }),
    });
    if (!updated) throw new NotFoundError('Webhook endpoint');
    return toView(updated);
  }

  async remove(ownerId: string, id: string): Promise<void> {
    if (!(await this.repo.deleteEndpoint(ownerId, id))) throw new NotFoundError('Webhook endpoint');
  }

  async deliveries(
    ownerId: string,
    endpointId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<DeliveryView>> {
    await this.requireOwned(ownerId, endpointId);
    const rows = await this.repo.listDeliveries(endpointId, limit + 1, cursor);
    return toPage(rows.map(toDeliveryView), limit);
  }

  /** Sends a delivery's message again (same `webhook-id`, so receivers can deduplicate). */
  async resend(ownerId: string, deliveryId: string): Promise<DeliveryView> {
    const original = await this.repo.findDelivery(deliveryId);
    if (!original || original.ownerId !== ownerId) throw new NotFoundError('Webhook delivery');
    const endpoint = await this.requireOwned(ownerId, original.endpointId);
    if (endpoint.status !== 'active')
      throw new ConflictError('The endpoint is disabled: enable it first');
    const copy = await this.repo.createDelivery({
      id: this.repo.newId(),
      endpointId: endpoint.id,
      ownerId,
      messageId: original.messageId,
      eventType: original.eventType,
      body: original.body,
      createdAt: this.clock.now(),
    });
    await this.enqueue(copy);
    return toDeliveryView(copy);
  }

  /** One delivery per endpoint that listens to this event. */
  private async fanOut(event: DomainEvent): Promise<void> {
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(event.type)) return;
    const endpoints = (await this.repo.listeningTo(event.userId)).filter((e) =>
      e.events.includes(event.type as WebhookEventType),
    );
    if (endpoints.length === 0) return;
    const body = JSON.stringify({
      version: PAYLOAD_VERSION,
      type: event.type,
      timestamp: event.occurredAt.toISOString(),
      data: { userId: event.userId, ...event.data },
    });
    for (const endpoint of endpoints) {
      const id = this.repo.newId();
      const delivery = await this.repo.createDelivery({
        id,
        endpointId: endpoint.id,
        ownerId: endpoint.ownerId,
        messageId: `msg_${id}`,
        eventType: event.type,
        body,
        createdAt: this.clock.now(),
      });
      await this.enqueue(delivery);
    }
  }

  private async enqueue(delivery: DeliveryRecord): Promise<void> {
    await this.jobs.enqueue({
      type: DELIVER_JOB,
      ownerId: delivery.ownerId,
      payload: { deliveryId: delivery.id },
      idempotencyKey: delivery.id,
      maxAttempts: MAX_ATTEMPTS,
    });
  }

  /** One attempt; throws to be retried on the schedule; the last failure disables the endpoint. */
  private async deliver(deliveryId: string, context: JobContext): Promise<Record<string, unknown>> {
    const delivery = await this.repo.findDelivery(deliveryId);
    if (!delivery || delivery.status !== 'pending') return { skipped: true };
    const endpoint = await this.repo.findEndpoint(delivery.endpointId);
    if (!endpoint || endpoint.status !== 'active') {
      await this.repo.recordAttempt(delivery.id, delivery.attempts, {
        at: this.clock.now(),
        statusCode: null,
        latencyMs: 0,
        response: null,
        error: 'the endpoint is disabled or deleted',
        status: 'failed',
      });
      return { skipped: true };
    }
    const secret = this.box.open(endpoint.secretSealed);
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const result = await this.sender.post(endpoint.url, delivery.body, {
      ...webhookHeaders(secret, delivery.messageId, timestamp, delivery.body),
    });
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const last = context.attempt >= MAX_ATTEMPTS;
    await this.repo.recordAttempt(delivery.id, context.attempt, {
      at: this.clock.now(),
      ...result,
      status: ok ? 'succeeded' : last ? 'failed' : 'pending',
    });
    if (ok) return { statusCode: result.statusCode };
    const reason = result.error ?? `HTTP ${result.statusCode}`;
    if (!last) throw new Error(`Webhook delivery failed: ${reason}`);
    await this.disable(endpoint, `${MAX_ATTEMPTS} attempts failed; the last: ${reason}`);
    return { failed: reason };
  }

  private async disable(endpoint: EndpointRecord, reason: string): Promise<void> {
    await this.repo.updateEndpoint(endpoint.ownerId, endpoint.id, {
      status: 'disabled',
      disabledReason: reason.slice(0, 300),
    });
    this.logger.warn(`Webhook endpoint ${endpoint.id} disabled: ${reason}`);
    const owner = await this.users.getById(endpoint.ownerId).catch(() => null);
    if (!owner) return;
    await this.mail.send({
      to: owner.email,
      subject: 'A webhook endpoint was disabled',
      template: 'webhook-disabled',
      context: { name: owner.name, url: endpoint.url, reason },
      ownerId: owner.id,
      idempotencyKey: `webhook-disabled:${endpoint.id}:${endpoint.updatedAt.getTime()}`,
    });
  }

  private async requireOwned(ownerId: string, id: string): Promise<EndpointRecord> {
    const endpoint = await this.repo.findEndpoint(id);
    if (!endpoint || endpoint.ownerId !== ownerId) throw new NotFoundError('Webhook endpoint');
    return endpoint;
  }
}
