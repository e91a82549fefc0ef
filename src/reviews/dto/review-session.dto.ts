import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Max, Min, MaxLength } from 'class-validator';
import type { SchedulerName } from '../schedulers/scheduler';
import { REVIEW_KINDS } from '../schemas/review-log.schema';
import type { ReviewKind } from '../schemas/review-log.schema';
import { ITEM_STATUSES } from '../schemas/review-item.schema';
import type { ItemStatus } from '../schemas/review-item.schema';
import { Optional } from '../../common/validation';

export const GRADE_NAMES = ['again', 'hard', 'good', 'easy'] as const;
export type GradeName = (typeof GRADE_NAMES)[number];

export class CreateReviewSessionDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'Most cards to take' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 100, description: 'Only cards of this topic' })
  @Optional()
  @IsString()
  @Length(1, 200)
  @MaxLength(100)
  topic?: string;
}

export class GradeReviewDto {
  @ApiProperty({
    enum: GRADE_NAMES,
    description:
      'again: forgotten; hard: recalled with serious difficulty; good: recalled after a hesitation; easy: perfect recall. SM-2 reads them as qualities 1, 3, 4 and 5.',
  })
  @IsIn(GRADE_NAMES)
  grade!: GradeName;

  @ApiPropertyOptional({ description: 'Time the student took, in milliseconds', maximum: 86400000 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  responseMs?: number;
}

export class ReviewQuestionDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  type!: string;

  @ApiProperty()
  stem!: string;

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  choices!: { id: string; text: string }[];

  @ApiProperty({
    type: 'object',
    description: 'The back of the card: shown after the student tried to recall it',
    properties: {
      correctChoiceIds: { type: 'array', items: { type: 'string' } },
      answer: { type: 'string', nullable: true },
      acceptedAnswers: { type: 'array', items: { type: 'string' } },
      explanation: { type: 'string' },
    },
  })
  back!: {
    correctChoiceIds: string[];
    answer: string | null;
    acceptedAnswers: string[];
    explanation: string;
  };
}

export class ReviewItemDto {
  @ApiProperty({ description: 'The id to grade this item with' })
  reviewId!: string;

  @ApiProperty()
  cardId!: string;

  @ApiProperty()
  position!: number;

  @ApiProperty({
    enum: REVIEW_KINDS,
    description: 'drill: SM-2’s same-day repeat after Again or Hard',
  })
  kind!: ReviewKind;

  @ApiProperty()
  topic!: string;

  @ApiProperty({ enum: ITEM_STATUSES })
  status!: ItemStatus;

  @ApiProperty({ enum: GRADE_NAMES, nullable: true })
  grade!: GradeName | null;

  @ApiProperty({ nullable: true, type: Date })
  gradedAt!: Date | null;

  @ApiProperty({ nullable: true, type: Date, description: 'Next due date this grade set' })
  dueAt!: Date | null;

  @ApiProperty({
    type: ReviewQuestionDto,
    nullable: true,
    description: 'Null if the question was deleted',
  })
  question!: ReviewQuestionDto | null;
}

export class ReviewSessionDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ nullable: true, type: String })
  topic!: string | null;

  @ApiProperty()
  startedAt!: Date;

  @ApiProperty({ enum: ['active', 'completed'] })
  status!: 'active' | 'completed';

  @ApiProperty()
  total!: number;

  @ApiProperty()
  graded!: number;

  @ApiProperty({ type: [ReviewItemDto] })
  items!: ReviewItemDto[];
}

export class GradeResultDto {
  @ApiProperty()
  reviewId!: string;

  @ApiProperty()
  cardId!: string;

  @ApiProperty({ enum: REVIEW_KINDS })
  kind!: ReviewKind;

  @ApiProperty({ enum: GRADE_NAMES })
  grade!: GradeName;

  @ApiProperty({ enum: ['sm2', 'fsrs'] })
  scheduler!: SchedulerName;

  @ApiProperty()
  reviewedAt!: Date;

  @ApiProperty({ description: 'The scheduler’s probability of recall just before this grade' })
  retrievabilityBefore!: number;

  @ApiProperty({ nullable: true, type: Date, description: 'Next due date (null for a drill)' })
  dueAt!: Date | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Days to the next review (null for a drill)',
  })
  intervalDays!: number | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'SM-2: the drill item added because the grade was below Good (repeat it today)',
  })
  drillReviewId!: string | null;
}
