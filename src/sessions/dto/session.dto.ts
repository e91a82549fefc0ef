import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SCORING_POLICIES, SESSION_MODES, SESSION_STATUSES } from '../session.types';
import type { ScoringPolicy, SessionMode, SessionStatus } from '../session.types';

export class SessionDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ nullable: true, type: String })
  documentId!: string | null;

  @ApiProperty({ type: [String] })
  topics!: string[];

  @ApiProperty({ enum: SESSION_MODES })
  mode!: SessionMode;

  @ApiProperty({ enum: SESSION_STATUSES })
  status!: SessionStatus;

  @ApiProperty({ enum: SCORING_POLICIES })
  scoring!: ScoringPolicy;

  @ApiProperty({ description: 'Questions to answer' })
  questionCount!: number;

  @ApiProperty()
  answeredCount!: number;

  @ApiProperty({ nullable: true, type: Number })
  timeLimitSeconds!: number | null;

  @ApiProperty()
  startedAt!: Date;

  @ApiProperty({ nullable: true, type: Date })
  deadlineAt!: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  finishedAt!: Date | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Time left before the deadline (active exams with a time limit)',
  })
  remainingMs!: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Credit earned / questions, 0..1; null until the session ends',
  })
  score!: number | null;
}

export class SessionPageDto {
  @ApiProperty({ type: [SessionDto] })
  items!: SessionDto[];

  @ApiPropertyOptional({ nullable: true, type: String })
  next!: string | null;
}
