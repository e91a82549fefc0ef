import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  ArrayMaxSize,
} from 'class-validator';
import { IsObjectId, Optional } from '../../common/validation';
import { MAX_PAGE_SIZE, PageQuery } from '../../common/pagination';
import { QUESTION_TYPES } from '../question.types';
import type { QuestionType } from '../question.types';

export class ChoiceDto {
  @ApiProperty({
    maxLength: 4,
    type: String,
    example: 'a',
    description: 'Positional letter: a, b, c, … in order',
  })
  @IsString()
  @MaxLength(4)
  id!: string;

  @ApiProperty({ maxLength: 500, type: String, example: 'Chlorophyll' })
  @IsString()
  @MaxLength(500)
  text!: string;
}

export class CitationDto {
  @ApiProperty({
    type: String,
    description: 'The cited section (see GET /api/documents/:id/chunks)',
  })
  chunkId!: string;

  @ApiProperty({ type: Number, description: 'Page of the section, from 1' })
  page!: number;

  @ApiProperty({ type: Number, description: 'Start offset of the snippet in the document text' })
  start!: number;

  @ApiProperty({ type: Number, description: 'End offset (exclusive)' })
  end!: number;

  @ApiProperty({
    type: String,
    description: 'The quoted passage; contains the answer for generated questions',
  })
  snippet!: string;
}

export class CitationInputDto {
  @ApiProperty({ maxLength: 24, type: String, description: 'A section of the question’s document' })
  @IsObjectId('chunkId must be a chunk id')
  chunkId!: string;

  @ApiProperty({
    maxLength: 4000,
    type: String,
    description: 'Text quoted from that section, exactly',
  })
  @IsString()
  @MaxLength(4000)
  snippet!: string;

  @ApiPropertyOptional({
    type: Number,
    description: 'Offsets in the document text; located from the snippet when omitted',
  })
  @Optional()
  @IsInt()
  @Min(0)
  start?: number;

  @ApiPropertyOptional({ type: Number })
  @Optional()
  @IsInt()
  @Min(0)
  end?: number;

  @ApiPropertyOptional({ type: Number, description: 'Ignored: the page comes from the section' })
  @Optional()
  @IsInt()
  page?: number;
}

/** Fields shared by create and edit; the question rules are checked by the service. */
class QuestionFieldsDto {
  @ApiPropertyOptional({ enum: QUESTION_TYPES, description: 'Required on create' })
  @Optional()
  @IsIn(QUESTION_TYPES)
  type?: QuestionType;

  @ApiPropertyOptional({ type: String, maxLength: 2000, description: 'Required on create' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  stem?: string;

  @ApiPropertyOptional({
    maxItems: 10,
    type: [ChoiceDto],
    description:
      'Choice questions: 2–6 different choices; true/false: exactly True (a) and False (b)',
  })
  @Optional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ChoiceDto)
  @ArrayMaxSize(10)
  choices?: ChoiceDto[];

  @ApiPropertyOptional({
    maxLength: 64,
    maxItems: 50,
    type: [String],
    description: 'Exactly one for single-choice and true/false, at least one for multiple-choice',
  })
  @Optional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(50)
  @MaxLength(64, { each: true })
  correctChoiceIds?: string[];

  @ApiPropertyOptional({
    maxLength: 200,
    type: String,
    nullable: true,
    description: 'Short answer: the expected answer',
  })
  @Optional({ nullable: true })
  @IsString()
  @MaxLength(200)
  answer?: string | null;

  @ApiPropertyOptional({
    maxLength: 200,
    maxItems: 20,
    type: [String],
    description: 'Short answer: other answers to accept',
  })
  @Optional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(20)
  @MaxLength(200, { each: true })
  acceptedAnswers?: string[];

  @ApiPropertyOptional({ type: String, maxLength: 200, description: 'Required on create' })
  @Optional()
  @IsString()
  @MaxLength(200)
  topic?: string;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: 1,
    default: 0.5,
    description: '0 easy … 1 hard',
  })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  difficulty?: number;

  @ApiPropertyOptional({ type: String, maxLength: 4000 })
  @Optional()
  @IsString()
  @MaxLength(4000)
  explanation?: string;

  @ApiPropertyOptional({ type: CitationInputDto, nullable: true })
  @Optional({ nullable: true })
  @ValidateNested()
  @Type(() => CitationInputDto)
  citation?: CitationInputDto | null;
}

export class CreateQuestionDto extends QuestionFieldsDto {
  @ApiPropertyOptional({
    maxLength: 24,
    type: String,
    nullable: true,
    description: 'The document the question is about (needed for a citation)',
  })
  @Optional({ nullable: true })
  @IsObjectId('documentId must be a document id')
  documentId?: string | null;
}

export class UpdateQuestionDto extends QuestionFieldsDto {
  @ApiPropertyOptional({
    type: Number,
    description: 'Refuse with 409 unless the question is still at this version',
  })
  @Optional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class QuestionDto {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) ownerId!: string;
  @ApiProperty({ nullable: true, type: String }) documentId!: string | null;
  @ApiProperty({ type: Number, description: 'Increases with every edit, revert and recalibration' })
  version!: number;
  @ApiProperty({ enum: QUESTION_TYPES }) type!: QuestionType;
  @ApiProperty({ type: String }) stem!: string;
  @ApiProperty({ type: [ChoiceDto] }) choices!: ChoiceDto[];
  @ApiProperty({ type: [String] }) correctChoiceIds!: string[];
  @ApiProperty({ nullable: true, type: String }) answer!: string | null;
  @ApiProperty({ type: [String] }) acceptedAnswers!: string[];
  @ApiProperty({ type: String }) topic!: string;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1 }) difficulty!: number;
  @ApiProperty({ type: String }) explanation!: string;
  @ApiProperty({ type: CitationDto, nullable: true }) citation!: CitationDto | null;
  @ApiProperty({ type: Number }) answerCount!: number;
  @ApiProperty({ type: Number }) correctCount!: number;
  @ApiProperty({ enum: ['generated', 'manual', 'imported'] }) source!: string;
  @ApiProperty({
    type: Number,
    description: 'How many tests use it; questions used by tests are archived, not deleted',
  })
  usedInTests!: number;
  @ApiProperty({ type: Date }) createdAt!: Date;
  @ApiProperty({ type: Date }) updatedAt!: Date;
}

export class QuestionPageDto {
  @ApiProperty({ type: [QuestionDto] }) items!: QuestionDto[];
  @ApiProperty({ nullable: true, type: String }) next!: string | null;
}

export class QuestionListQuery extends PageQuery {
  @ApiPropertyOptional({ type: String })
  @Optional()
  @IsObjectId('documentId must be a document id')
  documentId?: string;

  @ApiPropertyOptional({ type: String, description: 'Case-insensitive' })
  @Optional()
  @IsString()
  @MaxLength(200)
  topic?: string;

  @ApiPropertyOptional({ enum: QUESTION_TYPES })
  @Optional()
  @IsIn(QUESTION_TYPES)
  type?: QuestionType;
}

export class QuestionVersionDto {
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({ enum: ['created', 'edited', 'reverted', 'recalibrated'] }) reason!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'For a revert: the version restored' })
  revertedFrom!: number | null;
  @ApiProperty({ type: Date }) createdAt!: Date;
  @ApiProperty({ enum: QUESTION_TYPES }) type!: QuestionType;
  @ApiProperty({ type: String }) stem!: string;
  @ApiProperty({ type: [ChoiceDto] }) choices!: ChoiceDto[];
  @ApiProperty({ type: [String] }) correctChoiceIds!: string[];
  @ApiProperty({ nullable: true, type: String }) answer!: string | null;
  @ApiProperty({ type: [String] }) acceptedAnswers!: string[];
  @ApiProperty({ type: String }) topic!: string;
  @ApiProperty({ type: Number }) difficulty!: number;
  @ApiProperty({ type: String }) explanation!: string;
  @ApiProperty({ type: CitationDto, nullable: true }) citation!: CitationDto | null;
}

export class QuestionVersionListDto {
  @ApiProperty({ type: [QuestionVersionDto] }) items!: QuestionVersionDto[];
}

export class SimilarQueryDto {
  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: 1,
    default: 0.5,
    description: 'Lowest cosine similarity to list',
  })
  @Optional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  threshold = 0.5;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit = 20;
}

export class SimilarQuestionDto {
  @ApiProperty({ type: QuestionDto }) question!: QuestionDto;
  @ApiProperty({ type: Number, description: 'Cosine similarity of the TF-IDF vectors, 0..1' })
  similarity!: number;
}

export class SimilarListDto {
  @ApiProperty({ type: String }) questionId!: string;
  @ApiProperty({ type: Number }) threshold!: number;
  @ApiProperty({ type: [SimilarQuestionDto] }) items!: SimilarQuestionDto[];
}

export class RecalibrationDto {
  @ApiProperty({ type: String }) questionId!: string;
  @ApiProperty({ type: Number }) oldDifficulty!: number;
  @ApiProperty({ type: Number }) newDifficulty!: number;
  @ApiProperty({ type: Number, description: 'Answers the new difficulty is based on' })
  sampleSize!: number;
  @ApiProperty({ type: Number }) correctCount!: number;
  @ApiProperty({ type: Number, description: 'The question version after recalibration' })
  version!: number;
  @ApiProperty({
    type: Boolean,
    description: 'False when the empirical difficulty equals the current one',
  })
  changed!: boolean;
}
