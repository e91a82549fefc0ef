import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  Max,
  Min,
} from 'class-validator';
import type { SchedulerName } from '../schedulers/scheduler';
import { SCHEDULER_NAMES } from '../schemas/review-card.schema';
import { Optional } from '../../common/validation';

export class UpdateReviewSettingsDto {
  @ApiProperty({
    enum: SCHEDULER_NAMES,
    description:
      'sm2: SuperMemo-2 as published (Woźniak 1990); fsrs: the FSRS model (ts-fsrs). Switching rebuilds every card’s schedule from its review history in the background.',
  })
  @IsIn(SCHEDULER_NAMES)
  scheduler!: SchedulerName;

  @ApiPropertyOptional({
    minimum: 0.7,
    maximum: 0.99,
    description:
      'FSRS: the probability of recall to schedule at (kept when omitted). Applies from each card’s next review.',
  })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.7)
  @Max(0.99)
  desiredRetention?: number;

  @ApiPropertyOptional({
    type: [Number],
    maxItems: 7,
    example: [0, 6],
    description:
      'Easy days: weekdays (0 Sunday … 6 Saturday, your time zone) that get a reduced review load (kept when omitted).',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(6, { each: true })
  easyDays?: number[];
}

export class ReviewSettingsDto {
  @ApiProperty({ enum: SCHEDULER_NAMES })
  scheduler!: SchedulerName;

  @ApiProperty({ description: 'FSRS target recall at the due date (unused by SM-2)' })
  desiredRetention!: number;

  @ApiProperty({ type: [Number], description: 'Easy days (0 Sunday … 6 Saturday)' })
  easyDays!: number[];

  @ApiProperty({ description: 'True until the student saves a choice: FSRS is the default' })
  isDefault!: boolean;
}

export class UpdatedReviewSettingsDto extends ReviewSettingsDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'The background job converting the cards when the algorithm changed (GET /api/jobs/:id)',
  })
  conversionJobId!: string | null;
}
