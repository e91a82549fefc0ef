import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event sent (and retried) to one endpoint, with what the last attempt saw. */
@Schema({ collection: 'webhook_deliveries', versionKey: false })
export class WebhookDelivery {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  endpointId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  /** The `webhook-id`: the same for a manual re-send, so receivers can deduplicate. */
  @Prop({ type: String, required: true })
  messageId!: string;

  @Prop({ type: String, required: true })
  eventType!: string;

  /** The exact JSON body that is signed and sent. */
  @Prop({ type: String, required: true })
  body!: string;

  @Prop({ type: String, enum: DELIVERY_STATUSES, required: true })
  status!: DeliveryStatus;

  @Prop({ type: Number, default: 0 })
  attempts!: number;

  @Prop({ type: Date })
  lastAttemptAt?: Date;

  @Prop({ type: Number })
  lastStatusCode?: number;

  @Prop({ type: Number })
  lastLatencyMs?: number;

  @Prop({ type: String, maxlength: 1000 })
  lastResponse?: string;

  @Prop({ type: String, maxlength: 300 })
  lastError?: string;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const WebhookDeliverySchema = SchemaFactory.createForClass(WebhookDelivery);

// An endpoint's delivery log, newest first.
WebhookDeliverySchema.index({ endpointId: 1, _id: -1 });
