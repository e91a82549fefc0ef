import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsInt,
  IsString,
  Length,
  Max,
  Min,
  MaxLength,
} from 'class-validator';
import { IsObjectId, Optional } from '../../common/validation';

export class GeneratePlanDto {
  @ApiPropertyOptional({
    maxLength: 24,
    maxItems: 10,
    type: [String],
    description: 'Documents to prepare for: the topics of your questions on them',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsObjectId('each documentId must be a document id', { each: true })
  documentIds?: string[];

  @ApiPropertyOptional({
    maxLength: 100,
    maxItems: 50,
    type: [String],
    description: 'Topics to prepare (with or instead of documents)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @MaxLength(100, { each: true })
  topics?: string[];

  @ApiProperty({
    format: 'date-time',
    maxLength: 40,
    description: 'Exam date and time (ISO 8601): nothing is scheduled after it',
  })
  @IsDateString({ strict: true }, { message: 'deadline must be an ISO 8601 date' })
  @MaxLength(40)
  deadline!: string;

  @ApiProperty({ minimum: 10, maximum: 600, description: 'Study minutes per day' })
  @IsInt()
  @Min(10)
  @Max(600)
  minutesPerDay!: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 5,
    default: 1,
    description: 'Practice tests at the end',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(5)
  finalTests?: number;
}

export class PlanSessionDto {
  @ApiProperty({ description: 'Session number (stable for completed sessions)' })
  n!: number;

  @ApiProperty({ example: '2025-03-04', description: 'Local date' })
  date!: string;

  @ApiProperty()
  startAt!: Date;

  @ApiProperty()
  endAt!: Date;

  @ApiProperty({ enum: ['practice', 'review', 'test'] })
  kind!: string;

  @ApiProperty({ type: [String] })
  topics!: string[];

  @ApiProperty()
  minutes!: number;

  @ApiProperty()
  completed!: boolean;

  @ApiProperty({ nullable: true, type: Date })
  completedAt!: Date | null;
}

export class PlanTopicDto {
  @ApiProperty()
  topic!: string;

  @ApiProperty({ description: 'Mastery when planned (Beta posterior mean)' })
  mastery!: number;

  @ApiProperty({
    description: 'Mean recall probability of the topic’s review cards (1 without cards)',
  })
  retrievability!: number;

  @ApiProperty({ description: 'Review cards falling due before the deadline' })
  dueReviews!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Mastery gained per practice hour' })
  velocityPerHour!: number | null;
}

export class StudyPlanDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ type: [String] })
  documentIds!: string[];

  @ApiProperty({ type: [String] })
  topics!: string[];

  @ApiProperty()
  deadline!: Date;

  @ApiProperty()
  minutesPerDay!: number;

  @ApiProperty({ description: 'Session length, from your fingerprint’s typical session' })
  sessionMinutes!: number;

  @ApiProperty()
  timeZone!: string;

  @ApiProperty()
  generatedAt!: Date;

  @ApiProperty()
  replans!: number;

  @ApiProperty({ type: [PlanTopicDto] })
  inputs!: PlanTopicDto[];

  @ApiProperty({ type: [PlanSessionDto] })
  sessions!: PlanSessionDto[];

  @ApiProperty({
    description: 'Work that did not fit before the deadline',
    example: { practiceMinutes: 0, reviewMinutes: 0, tests: 0 },
  })
  unscheduled!: { practiceMinutes: number; reviewMinutes: number; tests: number };
}

export class StudyPlanPageDto {
  @ApiProperty({ type: [StudyPlanDto] })
  items!: StudyPlanDto[];

  @ApiPropertyOptional({ nullable: true, type: String })
  next!: string | null;
}

export class NextSessionDto {
  @ApiProperty({ enum: ['in-progress', 'upcoming', 'none'] })
  status!: 'in-progress' | 'upcoming' | 'none';

  @ApiProperty({ type: PlanSessionDto, nullable: true })
  session!: PlanSessionDto | null;

  @ApiProperty({ description: 'True when missed sessions were just replanned' })
  replanned!: boolean;
}

export class ProgressTopicDto {
  @ApiProperty()
  topic!: string;

  @ApiProperty()
  mastery!: number;

  @ApiProperty()
  onPlan!: number;

  @ApiProperty()
  atCurrentPace!: number;
}

export class PlanProgressDto {
  @ApiProperty()
  totalSessions!: number;

  @ApiProperty()
  completedSessions!: number;

  @ApiProperty({ description: 'Completed share of the planned minutes, 0–100' })
  percentComplete!: number;

  @ApiProperty({ description: 'Sessions whose end has passed' })
  dueByNow!: number;

  @ApiProperty({ description: 'Completed minus due: positive ahead, negative behind' })
  sessionsAhead!: number;

  @ApiProperty({ enum: ['ahead', 'on-track', 'behind'] })
  pace!: string;

  @ApiProperty({
    description:
      'Projected mean mastery at the deadline if every remaining session is done (onPlan) or at the pace so far (atCurrentPace)',
  })
  projectedReadiness!: { onPlan: number; atCurrentPace: number; topics: ProgressTopicDto[] };

  @ApiProperty({
    description: 'True when this call replanned missed sessions (the plan was behind)',
  })
  replanned!: boolean;
}
