import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Length,
  Max,
  Min,
  MaxLength,
} from 'class-validator';
import { IsObjectId, Optional } from '../../common/validation';
import { SCORING_POLICIES, SESSION_MODES } from '../session.types';
import type { ScoringPolicy, SessionMode } from '../session.types';

export const MAX_SESSION_QUESTIONS = 100;
export const MIN_TIME_LIMIT_SECONDS = 30;
export const MAX_TIME_LIMIT_SECONDS = 24 * 3600;

const trimAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

export class CreateSessionDto {
  @ApiPropertyOptional({
    maxLength: 24,
    description: 'Draw the questions from this document (yours). Give a document, topics, or both.',
    example: '665f1c2e9b1e8a3d4c5b6a79',
  })
  @Optional()
  @IsObjectId('documentId must be a document id')
  documentId?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    maxItems: 20,
    description: 'Draw the questions from these topics (within the document when one is given)',
    type: [String],
    example: ['photosynthesis'],
  })
  @Optional()
  @Transform(trimAll)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  @MaxLength(100, { each: true })
  topics?: string[];

  @ApiProperty({ minimum: 1, maximum: MAX_SESSION_QUESTIONS, example: 10 })
  @IsInt()
  @Min(1)
  @Max(MAX_SESSION_QUESTIONS)
  questionCount!: number;

  @ApiProperty({
    enum: SESSION_MODES,
    description:
      'practice: feedback after each answer; exam: feedback only in the result, optional time limit; ' +
      'adaptive: each question is picked to match your ability, feedback after each answer',
  })
  @IsIn(SESSION_MODES)
  mode!: SessionMode;

  @ApiPropertyOptional({
    minimum: MIN_TIME_LIMIT_SECONDS,
    maximum: MAX_TIME_LIMIT_SECONDS,
    description: 'Exams only: answers after this many seconds from the start are refused',
  })
  @Optional()
  @IsInt()
  @Min(MIN_TIME_LIMIT_SECONDS)
  @Max(MAX_TIME_LIMIT_SECONDS)
  timeLimitSeconds?: number;

  @ApiPropertyOptional({
    enum: SCORING_POLICIES,
    default: 'all-or-nothing',
    description:
      'Multiple-choice scoring: all-or-nothing, or partial = max(0, (right − wrong picks) / correct options)',
  })
  @Optional()
  @IsIn(SCORING_POLICIES)
  scoring?: ScoringPolicy;
}
