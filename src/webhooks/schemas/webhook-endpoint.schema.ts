import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

export const WEBHOOK_EVENTS = [
  'session.finished',
  'review.completed',
  'document.ready',
  'generation.finished',
  'assignment.submitted',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const ENDPOINT_STATUSES = ['active', 'disabled'] as const;
export type EndpointStatus = (typeof ENDPOINT_STATUSES)[number];

/** `own`: events about the owner; `all`: events about every user (administrators only). */
export const ENDPOINT_SCOPES = ['own', 'all'] as const;
export type EndpointScope = (typeof ENDPOINT_SCOPES)[number];

/** `dashboard`: registered in the app; `rest-hook`: subscribed by an automation tool. */
export const ENDPOINT_SOURCES = ['dashboard', 'rest-hook'] as const;
export type EndpointSource = (typeof ENDPOINT_SOURCES)[number];

/** A URL that receives signed event notifications. The signing secret is stored sealed. */
@Schema({ collection: 'webhook_endpoints', timestamps: true })
export class WebhookEndpoint {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  @Prop({ type: String, required: true, maxlength: 2000 })
  url!: string;

  @Prop({ type: [String], required: true })
  events!: WebhookEventType[];

  @Prop({ type: String, default: '', maxlength: 500 })
  description!: string;

  @Prop({ type: String, required: true })
  secretSealed!: string;

  @Prop({ type: String, enum: ENDPOINT_SCOPES, required: true })
  scope!: EndpointScope;

  @Prop({ type: String, enum: ENDPOINT_SOURCES, required: true })
  source!: EndpointSource;

  @Prop({ type: String, enum: ENDPOINT_STATUSES, required: true })
  status!: EndpointStatus;

  @Prop({ type: String, maxlength: 300 })
  disabledReason?: string;

  createdAt!: Date;
  updatedAt!: Date;
}

export const WebhookEndpointSchema = SchemaFactory.createForClass(WebhookEndpoint);

// The owner's endpoints (list, and the fan-out of events about the owner).
WebhookEndpointSchema.index({ ownerId: 1, _id: 1 });
// Administrators' endpoints that hear every user's events.
WebhookEndpointSchema.index({ scope: 1, status: 1 });
