import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUrl,
  MaxLength,
} from 'class-validator';
import {
  ENDPOINT_SCOPES,
  ENDPOINT_SOURCES,
  ENDPOINT_STATUSES,
  WEBHOOK_EVENTS,
  type EndpointScope,
  type EndpointSource,
  type EndpointStatus,
  type WebhookEventType,
} from '../schemas/webhook-endpoint.schema';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../schemas/webhook-delivery.schema';
import { Optional } from '../../common/validation';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateEndpointDto {
  @ApiProperty({ description: 'Where events are POSTed (https)', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: 'url must be an absolute http(s) URL' })
  url!: string;

  @ApiProperty({ maxItems: 20, enum: WEBHOOK_EVENTS, isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  @ArrayMaxSize(20)
  events!: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 500 })
  @Optional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({
    enum: ENDPOINT_SCOPES,
    default: 'own',
    description: '`all` (administrators): events about every user',
  })
  @Optional()
  @IsIn(ENDPOINT_SCOPES)
  scope?: EndpointScope;
}

export class UpdateEndpointDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: 'url must be an absolute http(s) URL' })
  url?: string;

  @ApiPropertyOptional({ maxItems: 20, enum: WEBHOOK_EVENTS, isArray: true })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  @ArrayMaxSize(20)
  events?: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 500 })
  @Optional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ enum: ['active'], description: 'Re-enable a disabled endpoint' })
  @Optional()
  @IsIn(['active'])
  status?: 'active';
}

/** REST hooks as automation tools (Zapier and the like) subscribe: one event per hook. */
export class SubscribeHookDto {
  @ApiProperty({ description: 'Where the tool wants the event POSTed', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: 'target_url must be an absolute http(s) URL' })
  target_url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS })
  @IsIn(WEBHOOK_EVENTS)
  event!: WebhookEventType;
}

export class EndpointDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  ownerId!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  events!: WebhookEventType[];

  @ApiProperty()
  description!: string;

  @ApiProperty({ enum: ENDPOINT_SCOPES })
  scope!: EndpointScope;

  @ApiProperty({ enum: ENDPOINT_SOURCES })
  source!: EndpointSource;

  @ApiProperty({ enum: ENDPOINT_STATUSES })
  status!: EndpointStatus;

  @ApiProperty({ nullable: true, type: String })
  disabledReason!: string | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}

export class CreatedEndpointDto extends EndpointDto {
  @ApiProperty({ description: 'Signing secret (whsec_…): shown only now' })
  secret!: string;
}

export class EndpointPageDto {
  @ApiProperty({ type: [EndpointDto] })
  items!: EndpointDto[];

  @ApiPropertyOptional({ nullable: true, type: String })
  next!: string | null;
}

export class DeliveryDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  endpointId!: string;

  @ApiProperty({ description: 'The webhook-id header' })
  messageId!: string;

  @ApiProperty()
  eventType!: string;

  @ApiProperty({ description: 'The JSON body that was sent', type: Object })
  payload!: unknown;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: DeliveryStatus;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ nullable: true, type: Date })
  lastAttemptAt!: Date | null;

  @ApiProperty({ nullable: true, type: Number })
  lastStatusCode!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  lastLatencyMs!: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'Start of the response body' })
  lastResponse!: string | null;

  @ApiProperty({ nullable: true, type: String })
  lastError!: string | null;

  @ApiProperty()
  createdAt!: Date;
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] })
  items!: DeliveryDto[];

  @ApiPropertyOptional({ nullable: true, type: String })
  next!: string | null;
}
