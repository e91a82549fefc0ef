import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsObjectId, Optional } from '../../common/validation';
import { CitationDto } from '../../questions/dto/question.dto';
import { QUESTION_TYPES } from '../../questions/question.types';
import type { QuestionType } from '../../questions/question.types';

export const MAX_GENERATE_COUNT = 100;

/** The optional list of question types a generation request asks for (default: all four). */
const QuestionTypesField = () =>
  applyDecorators(
    ApiPropertyOptional({
      maxItems: 20,
      enum: QUESTION_TYPES,
      isArray: true,
      description: 'Default: all four types',
    }),
    Optional(),
    IsArray(),
    ArrayMinSize(1),
    ArrayUnique(),
    IsIn(QUESTION_TYPES, { each: true }),
    ArrayMaxSize(20),
  );

export class DifficultyMixDto {
  @ApiProperty({ type: Number, minimum: 0, example: 0.3 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  easy!: number;

  @ApiProperty({ type: Number, minimum: 0, example: 0.4 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  medium!: number;

  @ApiProperty({ type: Number, minimum: 0, example: 0.3 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  hard!: number;
}

export class GenerateQuestionsDto {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_GENERATE_COUNT, default: 10 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(MAX_GENERATE_COUNT)
  count = 10;

  @QuestionTypesField()
  types?: QuestionType[];

  @ApiPropertyOptional({
    type: DifficultyMixDto,
    description:
      'Shares of easy, medium and hard questions (need not add up to 1). Default 0.3 / 0.4 / 0.3',
  })
  @Optional()
  @ValidateNested()
  @Type(() => DifficultyMixDto)
  difficultyMix?: DifficultyMixDto;

  @ApiPropertyOptional({
    maxLength: 200,
    maxItems: 20,
    type: [String],
    description: 'Only questions on these topics (see the document’s topics)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  topics?: string[];
}

export const MAX_ADAPTIVE_COUNT = 30;

export class AdaptiveGenerationDto {
  @ApiProperty({
    maxLength: 24,
    type: String,
    description: 'The document to make the questions from (yours)',
  })
  @IsObjectId('documentId must be a document id')
  documentId!: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_ADAPTIVE_COUNT, default: 5 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(MAX_ADAPTIVE_COUNT)
  count = 5;

  @QuestionTypesField()
  types?: QuestionType[];

  @ApiPropertyOptional({
    maxLength: 200,
    maxItems: 20,
    type: [String],
    description: 'Consider only these of the document’s topics; default all of them',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  topics?: string[];
}

export class TargetDifficultyDto {
  @ApiProperty({ type: Number, description: 'Rasch difficulty b in logits' }) logit!: number;
  @ApiProperty({ type: Number, description: 'The same on the 0..1 scale' }) fraction!: number;
  @ApiProperty({ enum: ['easy', 'medium', 'hard'] }) level!: string;
}

export class TopicEstimateDto {
  @ApiProperty({ type: String }) topic!: string;
  @ApiProperty({ type: Number, description: 'Rasch ability θ in the topic' }) theta!: number;
  @ApiProperty({ type: Number, description: 'Answers behind θ' }) answers!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Mastery (posterior mean); null before any answer',
  })
  mastery!: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Predicted recall today; null without a fitted forgetting curve',
  })
  recall!: number | null;
  @ApiProperty({
    type: Number,
    description: 'mastery (0.5 if unknown) × recall (1 if unknown); lowest first',
  })
  strength!: number;
}

export class PlannedTopicDto {
  @ApiProperty({ type: String }) topic!: string;
  @ApiProperty({ type: Number, description: 'Questions asked for on this topic' }) count!: number;
  @ApiProperty({
    type: TargetDifficultyDto,
    description: 'b = θ − ln(p / (1 − p)) for the target success p',
  })
  targetDifficulty!: TargetDifficultyDto;
  @ApiProperty({
    type: TopicEstimateDto,
    description: 'The student’s estimate when the job was asked for',
  })
  estimate!: TopicEstimateDto;
}

export class GenerationReasonDto {
  @ApiProperty({ type: String }) questionId!: string;
  @ApiProperty({ type: String }) topic!: string;
  @ApiProperty({ type: TargetDifficultyDto }) targetDifficulty!: TargetDifficultyDto;
  @ApiProperty({ type: TopicEstimateDto }) estimate!: TopicEstimateDto;
}

export class AdaptiveJobInfoDto {
  @ApiProperty({ type: [PlannedTopicDto], description: 'Weakest topics first' })
  plan!: PlannedTopicDto[];
  @ApiProperty({
    type: [GenerationReasonDto],
    description: 'Why each stored question was asked for',
  })
  reasons!: GenerationReasonDto[];
}

export class GenerationRequestDto {
  @ApiProperty({ type: Number }) count!: number;
  @ApiProperty({ enum: QUESTION_TYPES, isArray: true }) types!: string[];
  @ApiProperty({ type: DifficultyMixDto }) difficultyMix!: DifficultyMixDto;
  @ApiProperty({ type: [String] }) topics!: string[];
}

export class JobProgressDto {
  @ApiProperty({ type: Number, description: 'Questions stored so far' }) done!: number;
  @ApiProperty({ type: Number, description: 'Questions requested' }) total!: number;
}

export class UsageDto {
  @ApiProperty({ enum: ['offline', 'openai', 'anthropic'] }) provider!: string;
  @ApiProperty({ nullable: true, type: String }) model!: string | null;
  @ApiProperty({ type: Number }) inputTokens!: number;
  @ApiProperty({ type: Number }) outputTokens!: number;
  @ApiProperty({ type: Number, description: 'HTTP attempts made, retries included' })
  calls!: number;
}

export class RunEventDto {
  @ApiProperty({ type: Date }) at!: Date;
  @ApiProperty({ type: Number }) jobAttempt!: number;
  @ApiProperty({ type: Number }) attempt!: number;
  @ApiProperty({
    enum: [
      'ok',
      'timeout',
      'network-error',
      'http-error',
      'malformed-reply',
      're-ask',
      'rejected-items',
    ],
  })
  kind!: string;
  @ApiProperty({ nullable: true, type: Number }) status!: number | null;
  @ApiProperty({ type: Number }) durationMs!: number;
  @ApiProperty({ nullable: true, type: String }) message!: string | null;
}

export class GenerationJobDto {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] }) status!: string;
  @ApiProperty({ type: String }) documentId!: string;
  @ApiProperty({ type: GenerationRequestDto }) request!: GenerationRequestDto;
  @ApiProperty({ type: JobProgressDto }) progress!: JobProgressDto;
  @ApiProperty({ type: Number }) attempts!: number;
  @ApiProperty({ type: Number }) maxAttempts!: number;
  @ApiProperty({ type: [String], description: 'One message per failed attempt' }) errors!: string[];
  @ApiProperty({ type: [String], description: 'Ids of the questions stored so far' })
  questionIds!: string[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why fewer questions than requested were made',
  })
  shortfall!: string | null;
  @ApiProperty({
    nullable: true,
    type: AdaptiveJobInfoDto,
    description: 'Adaptive jobs only: the plan and each question’s reason',
  })
  adaptive!: AdaptiveJobInfoDto | null;
  @ApiProperty({ type: UsageDto }) usage!: UsageDto;
  @ApiProperty({ type: [RunEventDto], description: 'Provider calls: timeouts, retries, re-asks' })
  events!: RunEventDto[];
  @ApiProperty({ type: Date }) createdAt!: Date;
  @ApiProperty({ type: Date }) updatedAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) finishedAt!: Date | null;
}

export class ExplanationDto {
  @ApiProperty({ type: String }) questionId!: string;
  @ApiProperty({ type: Number, description: 'The question version explained' }) version!: number;
  @ApiProperty({ type: String }) explanation!: string;
  @ApiProperty({ type: [CitationDto] }) citations!: CitationDto[];
  @ApiProperty({ enum: ['offline', 'openai', 'anthropic'] }) provider!: string;
  @ApiProperty({
    type: Boolean,
    description: 'True when returned from the cache (same question version)',
  })
  cached!: boolean;
  @ApiProperty({ type: Date }) generatedAt!: Date;
}

export class WrongAnswerDto {
  @ApiPropertyOptional({
    maxLength: 50,
    type: [String],
    maxItems: 10,
    description: 'The choices picked (choice questions)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  choiceIds?: string[];

  @ApiPropertyOptional({
    type: String,
    maxLength: 500,
    description: 'The answer given (short answer)',
  })
  @Optional()
  @IsString()
  @MaxLength(500)
  answer?: string;
}

export class LearnerProfileDto {
  @ApiProperty({ enum: ['hint', 'step-by-step', 'contrast'] }) style!: string;
  @ApiProperty({
    type: String,
    description: '`chose:<wrong choice ids>`, `missed` (a correct choice left out) or `text`',
  })
  misconception!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Mastery of the question’s topic' })
  mastery!: number | null;
}

export class PersonalExplanationDto extends ExplanationDto {
  @ApiProperty({
    type: LearnerProfileDto,
    description: 'What the explanation adapted to (its cache bucket: style and misconception)',
  })
  profile!: LearnerProfileDto;
}
