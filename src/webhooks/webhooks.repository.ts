import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { WebhookDelivery, type DeliveryStatus } from './schemas/webhook-delivery.schema';
import {
  WebhookEndpoint,
  type EndpointScope,
  type EndpointSource,
  type EndpointStatus,
  type WebhookEventType,
} from './schemas/webhook-endpoint.schema';

export interface EndpointRecord {
  id: string;
  ownerId: string;
  url: string;
  events: WebhookEventType[];
  description: string;
  secretSealed: string;
  scope: EndpointScope;
  source: EndpointSource;
  status: EndpointStatus;
  disabledReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewEndpoint = Pick<
  EndpointRecord,
  'ownerId' | 'url' | 'events' | 'description' | 'secretSealed' | 'scope' | 'source'
>;

export interface DeliveryRecord {
  id: string;
  endpointId: string;
  ownerId: string;
  messageId: string;
  eventType: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastResponse: string | null;
  lastError: string | null;
  createdAt: Date;
}

export interface AttemptOutcome {
  at: Date;
  statusCode: number | null;
  latencyMs: number;
  response: string | null;
  error: string | null;
  status: DeliveryStatus;
}

type LeanEndpoint = WebhookEndpoint & { _id: Types.ObjectId };
type LeanDelivery = WebhookDelivery & { _id: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);

const toEndpoint = (e: LeanEndpoint): EndpointRecord => ({
  id: e._id.toHexString(),
  ownerId: e.ownerId.toHexString(),
  url: e.url,
  events: e.events,
  description: e.description ?? '',
  secretSealed: e.secretSealed,
  scope: e.scope,
  source: e.source,
  status: e.status,
  disabledReason: e.disabledReason ?? null,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

const toDelivery = (d: LeanDelivery): DeliveryRecord => ({
  id: d._id.toHexString(),
  endpointId: d.endpointId.toHexString(),
  ownerId: d.ownerId.toHexString(),
  messageId: d.messageId,
  eventType: d.eventType,
  body: d.body,
  status: d.status,
  attempts: d.attempts ?? 0,
  lastAttemptAt: d.lastAttemptAt ?? null,
  lastStatusCode: d.lastStatusCode ?? null,
  lastLatencyMs: d.lastLatencyMs ?? null,
  lastResponse: d.lastResponse ?? null,
  lastError: d.lastError ?? null,
  createdAt: d.createdAt,
});

/** Every query on `webhook_endpoints` and `webhook_deliveries`. */
@Injectable()
export class WebhooksRepository {
  constructor(
    @InjectModel(WebhookEndpoint.name) private readonly endpoints: Model<WebhookEndpoint>,
    @InjectModel(WebhookDelivery.name) private readonly deliveries: Model<WebhookDelivery>,
  ) {}

  async createEndpoint(input: NewEndpoint): Promise<EndpointRecord> {
    const created = await this.endpoints.create({
      ...input,
      ownerId: oid(input.ownerId),
      status: 'active',
    });
    return toEndpoint(created.toObject() as LeanEndpoint);
  }

  async findEndpoint(id: string): Promise<EndpointRecord | null> {
    const e = await this.endpoints.findById(id).lean<LeanEndpoint>().exec();
    return e ? toEndpoint(e) : null;
  }

  async listEndpoints(ownerId: string, limit: number, cursor?: string): Promise<EndpointRecord[]> {
    const query: Record<string, unknown> = { ownerId: oid(ownerId) };
    if (cursor) query._id = trusted({ $gt: oid(cursor) });
    const rows = await this.endpoints
      .find(query)
      .sort({ _id: 1 })
      .limit(limit)
      .lean<LeanEndpoint[]>()
      .exec();
    return rows.map(toEndpoint);
  }

  /** Active endpoints that hear events about this user: the user's own, and administrators' `all`. */
  async listeningTo(userId: string): Promise<EndpointRecord[]> {
    const [own, all] = await Promise.all([
      this.endpoints
        .find({ ownerId: oid(userId), status: 'active' })
        .lean<LeanEndpoint[]>()
        .exec(),
      this.endpoints.find({ scope: 'all', status: 'active' }).lean<LeanEndpoint[]>().exec(),
    ]);
    const byId = new Map([...own, ...all].map((e) => [e._id.toHexString(), toEndpoint(e)]));
    return [...byId.values()];
  }

  async updateEndpoint(
    ownerId: string,
    id: string,
    changes: Partial<Pick<EndpointRecord, 'url' | 'events' | 'description' | 'status'>> & {
      disabledReason?: string | null;
    },
  ): Promise<EndpointRecord | null> {
    const { disabledReason, ...rest } = changes;
    const update: Record<string, unknown> = { $set: rest };
    if (disabledReason === null) update.$unset = { disabledReason: 1 };
    else if (disabledReason !== undefined)
      (update.$set as Record<string, unknown>).disabledReason = disabledReason;
    const e = await this.endpoints
      .findOneAndUpdate({ _id: id, ownerId: oid(ownerId) }, update, { returnDocument: 'after' })
      .lean<LeanEndpoint>()
      .exec();
    return e ? toEndpoint(e) : null;
  }

  async deleteEndpoint(ownerId: string, id: string): Promise<boolean> {
    const result = await this.endpoints.deleteOne({ _id: id, ownerId: oid(ownerId) }).exec();
    if (result.deletedCount > 0) await this.deliveries.deleteMany({ endpointId: oid(id) }).exec();
    return result.deletedCount > 0;
  }

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async createDelivery(input: {
    id: string;
    endpointId: string;
    ownerId: string;
    messageId: string;
    eventType: string;
    body: string;
    createdAt: Date;
  }): Promise<DeliveryRecord> {
    const { id, ...fields } = input;
    const created = await this.deliveries.create({
      ...fields,
      _id: oid(id),
      endpointId: oid(input.endpointId),
      ownerId: oid(input.ownerId),
      status: 'pending',
      attempts: 0,
    });
    return toDelivery(created.toObject() as LeanDelivery);
  }

  async findDelivery(id: string): Promise<DeliveryRecord | null> {
    const d = await this.deliveries.findById(id).lean<LeanDelivery>().exec();
    return d ? toDelivery(d) : null;
  }

  async listDeliveries(
    endpointId: string,
    limit: number,
    cursor?: string,
  ): Promise<DeliveryRecord[]> {
    const query: Record<string, unknown> = { endpointId: oid(endpointId) };
    if (cursor) query._id = trusted({ $lt: oid(cursor) });
    const rows = await this.deliveries
      .find(query)
      .sort({ _id: -1 })
      .limit(limit)
      .lean<LeanDelivery[]>()
      .exec();
    return rows.map(toDelivery);
  }

  async recordAttempt(id: string, attempt: number, outcome: AttemptOutcome): Promise<void> {
    const $set: Record<string, unknown> = {
      status: outcome.status,
      attempts: attempt,
      lastAttemptAt: outcome.at,
      lastLatencyMs: outcome.latencyMs,
    };
    const $unset: Record<string, 1> = {};
    for (const [field, value] of [
      ['lastStatusCode', outcome.statusCode],
      ['lastResponse', outcome.response],
      ['lastError', outcome.error],
    ] as const) {
      if (value === null) $unset[field] = 1;
      else $set[field] = value;
    }
    await this.deliveries.updateOne({ _id: id }, { $set, $unset }).exec();
  }
}
