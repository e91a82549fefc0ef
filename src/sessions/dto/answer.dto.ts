import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsObjectId, Optional } from '../../common/validation';

export const MAX_RESPONSE_MS = 24 * 3600 * 1000;

export class SubmitAnswerDto {
  @ApiProperty({ maxLength: 24, example: '665f1c2e9b1e8a3d4c5b6a7a' })
  @IsObjectId('questionId must be a question id')
  questionId!: string;

  @ApiPropertyOptional({
    maxLength: 64,
    maxItems: 50,
    type: [String],
    description: 'single-choice and true-false: one option id; multiple-choice: the selected ids',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  @MaxLength(64, { each: true })
  choiceIds?: string[];

  @ApiPropertyOptional({ description: 'short-answer: the typed answer', maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  text?: string;

  @ApiPropertyOptional({ description: 'true-false: the answer' })
  @Optional()
  @IsBoolean()
  value?: boolean;

  @ApiProperty({ description: 'Time the student took, in milliseconds', maximum: MAX_RESPONSE_MS })
  @IsInt()
  @Min(0)
  @Max(MAX_RESPONSE_MS)
  timeTakenMs!: number;
}

export class CitationDto {
  @ApiProperty()
  chunkId!: string;

  @ApiProperty()
  page!: number;

  @ApiProperty()
  start!: number;

  @ApiProperty()
  end!: number;

  @ApiProperty()
  snippet!: string;
}

/** The answer key of a question, revealed once it may be (after answering in practice, at the end of an exam). */
export class AnswerKeyDto {
  @ApiProperty({ type: [String] })
  correctChoiceIds!: string[];

  @ApiProperty({ nullable: true, type: String })
  answer!: string | null;

  @ApiProperty({ type: [String] })
  acceptedAnswers!: string[];

  @ApiProperty()
  explanation!: string;

  @ApiProperty({ type: CitationDto, nullable: true })
  citation!: CitationDto | null;
}

export class FeedbackDto extends AnswerKeyDto {
  @ApiProperty()
  correct!: boolean;

  @ApiProperty({ description: 'Credit earned, 0..1' })
  credit!: number;
}

export class GivenAnswerDto {
  @ApiProperty({ type: [String] })
  choiceIds!: string[];

  @ApiProperty({ nullable: true, type: String })
  text!: string | null;

  @ApiProperty({ nullable: true, type: Boolean })
  value!: boolean | null;
}

export class AnswerResultDto {
  @ApiProperty()
  questionId!: string;

  @ApiProperty()
  questionVersion!: number;

  @ApiProperty({ type: GivenAnswerDto })
  given!: GivenAnswerDto;

  @ApiProperty()
  timeTakenMs!: number;

  @ApiProperty()
  answeredAt!: Date;

  @ApiPropertyOptional({
    type: FeedbackDto,
    description: 'Practice and adaptive sessions only; exams reveal it in the result',
  })
  feedback?: FeedbackDto;
}
