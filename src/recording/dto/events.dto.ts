import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsObjectId, Optional } from '../../common/validation';
import { EVENT_TYPES, HEATMAP_GRID, MAX_BATCH_EVENTS } from '../event-rules';
import type { EventType } from '../event-rules';

const FINITE = { allowNaN: false, allowInfinity: false };

export class EventDto {
  @ApiProperty({ enum: EVENT_TYPES })
  @IsIn(EVENT_TYPES)
  type!: EventType;

  @ApiProperty({
    format: 'date-time',
    maxLength: 40,
    description:
      'Client timestamp (ISO 8601 with time zone); within the session, ±5 minutes of clock skew',
    example: '2025-03-01T10:00:03.250Z',
  })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d\d:?\d\d)$/, { message: 'at must include a time zone (Z or ±hh:mm)' })
  @MaxLength(40)
  at!: string;

  @ApiPropertyOptional({
    maxLength: 24,
    description: 'The question whose area the event belongs to',
  })
  @Optional()
  @IsObjectId('questionId must be a question id')
  questionId?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    description: 'click, mouse-move: position in the question area, 0 left to 1 right',
  })
  @Optional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(1)
  x?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: '0 top to 1 bottom' })
  @Optional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(1)
  y?: number;

  @ApiPropertyOptional({ description: 'The element acted on, e.g. `choice:b`', maxLength: 100 })
  @Optional()
  @IsString()
  @Length(1, 100)
  target?: string;

  @ApiPropertyOptional({ description: 'keypress: the key name', maxLength: 32 })
  @Optional()
  @IsString()
  @Length(1, 32)
  key?: string;

  @ApiPropertyOptional({
    description:
      'answer-change: the answer as it now stands (option ids joined by commas, or the text)',
    maxLength: 2000,
  })
  @Optional()
  @IsString()
  @MaxLength(2000)
  value?: string;

  @ApiPropertyOptional({ description: 'visibility-change: whether the page is now visible' })
  @Optional()
  @IsBoolean()
  visible?: boolean;

  @ApiPropertyOptional({ description: 'scroll: vertical offset in CSS pixels', minimum: 0 })
  @Optional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(10_000_000)
  scrollY?: number;
}

export class EventBatchDto {
  @ApiProperty({
    maxLength: 64,
    description: 'Client-chosen id of this batch: sending the same batch again stores it once',
    example: 'b-2f9c1a7e',
  })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'batchId must be 8-64 letters, digits, _ or -' })
  @MaxLength(64)
  batchId!: string;

  @ApiProperty({ type: [EventDto], maxItems: MAX_BATCH_EVENTS, minItems: 1 })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => EventDto)
  events!: EventDto[];
}

export class BatchReceiptDto {
  @ApiProperty({ description: 'Events stored by this request' })
  accepted!: number;

  @ApiProperty({ description: 'Events of this batch already stored by an earlier request' })
  duplicates!: number;
}

export const MAX_REPLAY_PAGE = 1000;

export class ReplayQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_REPLAY_PAGE, default: 500 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_REPLAY_PAGE)
  limit = 500;

  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @Optional()
  @IsObjectId('cursor must be the `next` value of a previous page')
  cursor?: string;
}

export class RecordedEventDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ enum: EVENT_TYPES })
  type!: EventType;

  @ApiProperty({ description: 'Client timestamp' })
  at!: Date;

  @ApiProperty()
  receivedAt!: Date;

  @ApiProperty({ nullable: true, type: String })
  questionId!: string | null;

  @ApiProperty({ nullable: true, type: Number })
  x!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  y!: number | null;

  @ApiProperty({ nullable: true, type: String })
  target!: string | null;

  @ApiProperty({ nullable: true, type: String })
  key!: string | null;

  @ApiProperty({ nullable: true, type: String })
  value!: string | null;

  @ApiProperty({ nullable: true, type: Boolean })
  visible!: boolean | null;

  @ApiProperty({ nullable: true, type: Number })
  scrollY!: number | null;
}

export class ReplayPageDto {
  @ApiProperty({ type: [RecordedEventDto] })
  items!: RecordedEventDto[];

  @ApiPropertyOptional({ nullable: true, type: String })
  next!: string | null;
}

export class AnswerChangeDto {
  @ApiProperty()
  at!: Date;

  @ApiProperty()
  value!: string;
}

export class QuestionTimelineDto {
  @ApiProperty()
  questionId!: string;

  @ApiProperty({ description: 'Number of answer changes recorded' })
  changeCount!: number;

  @ApiProperty({ type: [AnswerChangeDto], description: 'In client-time order' })
  changes!: AnswerChangeDto[];

  @ApiProperty({ nullable: true, type: Date, description: 'When the answer was submitted' })
  answeredAt!: Date | null;
}

export class TimelineDto {
  @ApiProperty({ type: [QuestionTimelineDto] })
  questions!: QuestionTimelineDto[];
}

export class HeatmapCellDto {
  @ApiProperty({ description: `Column, 0..${HEATMAP_GRID - 1} from the left` })
  x!: number;

  @ApiProperty({ description: `Row, 0..${HEATMAP_GRID - 1} from the top` })
  y!: number;

  @ApiProperty()
  clicks!: number;

  @ApiProperty()
  moves!: number;
}

export class QuestionHeatmapDto {
  @ApiProperty()
  questionId!: string;

  @ApiProperty()
  clicks!: number;

  @ApiProperty()
  moves!: number;

  @ApiProperty({ type: [HeatmapCellDto], description: 'Non-empty cells, row by row' })
  cells!: HeatmapCellDto[];
}

export class HeatmapDto {
  @ApiProperty({ description: 'Each question area is divided into grid × grid cells' })
  grid!: number;

  @ApiProperty({ type: [QuestionHeatmapDto] })
  questions!: QuestionHeatmapDto[];
}
