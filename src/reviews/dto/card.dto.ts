import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  MaxLength,
} from 'class-validator';
import { IsObjectId, Optional } from '../../common/validation';
import { MAX_PAGE_SIZE } from '../../common/pagination';
import type { SchedulerName } from '../schedulers/scheduler';
import { CARD_SOURCES, DUE_REASONS, SCHEDULER_NAMES } from '../schemas/review-card.schema';
import type { CardSource, DueReason } from '../schemas/review-card.schema';

export class CreateCardDto {
  @ApiProperty({
    maxLength: 24,
    description: 'One of your questions',
    example: '665f1c2e9b1e8a3d4c5b6a7a',
  })
  @IsObjectId('questionId must be a question id')
  questionId!: string;
}

export class RescheduleCardDto {
  @ApiProperty({
    format: 'date-time',
    maxLength: 40,
    description: 'New due date (ISO 8601), from now up to 100 years ahead',
    example: '2030-01-01T09:00:00.000Z',
  })
  @IsDateString({ strict: true }, { message: 'dueAt must be an ISO 8601 date' })
  @MaxLength(40)
  dueAt!: string;
}

export class CardDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  questionId!: string;

  @ApiProperty()
  questionVersion!: number;

  @ApiProperty()
  topic!: string;

  @ApiProperty({ nullable: true, type: String })
  documentId!: string | null;

  @ApiProperty({ enum: SCHEDULER_NAMES })
  scheduler!: SchedulerName;

  @ApiProperty()
  dueAt!: Date;

  @ApiProperty({ nullable: true, type: Date })
  lastReviewedAt!: Date | null;

  @ApiProperty({ description: 'Grades applied to the schedule' })
  reviews!: number;

  @ApiProperty({ description: 'Of those, how many were Again' })
  lapses!: number;

  @ApiProperty({
    description: 'The scheduler’s probability of recall now (0 for a card never reviewed)',
  })
  retrievability!: number;

  @ApiProperty({ enum: CARD_SOURCES })
  source!: CardSource;

  @ApiProperty({
    enum: DUE_REASONS,
    nullable: true,
    description:
      'Why the card is due earlier than its memory model alone asks: "exam" when its recall at an upcoming exam (examAt) would otherwise fall below your target',
  })
  dueReason!: DueReason | null;

  @ApiProperty({ nullable: true, type: Date })
  examAt!: Date | null;

  @ApiProperty({ nullable: true, type: String })
  sourceSessionId!: string | null;

  @ApiProperty()
  createdAt!: Date;
}

export class CardPageDto {
  @ApiProperty({ type: [CardDto] })
  items!: CardDto[];

  @ApiPropertyOptional({ nullable: true, type: String })
  next!: string | null;
}

export class QueueItemDto extends CardDto {
  @ApiProperty({ description: 'Days since the card fell due (0 when due right now)' })
  overdueDays!: number;
}

export class QueueQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit = 20;

  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @Optional()
  @Matches(/^[0-9a-z]{1,12}\.[0-9a-f]{24}$/, {
    message: 'cursor must be the `next` value of a previous page',
  })
  cursor?: string;

  @ApiPropertyOptional({ description: 'Only cards of this topic' })
  @Optional()
  @IsString()
  @Length(1, 200)
  topic?: string;
}

export class QueuePageDto {
  @ApiProperty({
    type: [QueueItemDto],
    description:
      'Due cards, most overdue first: earliest due date first, so a card appears in the order it fell below the scheduler’s target recall',
  })
  items!: QueueItemDto[];

  @ApiPropertyOptional({ nullable: true, type: String })
  next!: string | null;
}

export class ScheduleQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 14, description: 'Days to forecast' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days = 14;

  @ApiPropertyOptional({ description: 'Only cards of this topic' })
  @Optional()
  @IsString()
  @Length(1, 200)
  topic?: string;
}

export class DueDayDto {
  @ApiProperty({ example: '2024-03-10', description: 'Local date in the student’s time zone' })
  date!: string;

  @ApiProperty()
  due!: number;
}

export class ScheduleDto {
  @ApiProperty({ example: 'Europe/Paris' })
  timeZone!: string;

  @ApiProperty({ description: 'Due before the start of today (local)' })
  overdue!: number;

  @ApiProperty({ type: [DueDayDto], description: 'Today first' })
  days!: DueDayDto[];

  @ApiProperty()
  total!: number;
}

export class FromSessionDto {
  @ApiProperty({ description: 'Cards created by this call' })
  created!: number;

  @ApiProperty({ description: 'Mistakes whose question already had a card' })
  existing!: number;

  @ApiProperty({ type: [CardDto], description: 'The cards of every mistake of the session' })
  cards!: CardDto[];
}
