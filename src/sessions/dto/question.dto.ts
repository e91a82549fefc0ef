import { ApiProperty } from '@nestjs/swagger';
import { QUESTION_TYPES } from '../../questions/question.types';
import type { QuestionType } from '../../questions/question.types';

export class ChoiceDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  text!: string;
}

/** A question as shown while it can still be answered: no answer key, no explanation. */
export class QuestionPromptDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'The version this session asks (answers are graded against it)' })
  version!: number;

  @ApiProperty({ enum: QUESTION_TYPES })
  type!: QuestionType;

  @ApiProperty()
  stem!: string;

  @ApiProperty({ type: [ChoiceDto], description: 'Empty for short-answer questions' })
  choices!: ChoiceDto[];

  @ApiProperty()
  topic!: string;

  @ApiProperty({ description: '1-based position in the session' })
  position!: number;

  @ApiProperty({ description: 'Whether this session already has an answer to it' })
  answered!: boolean;
}

export class NextQuestionDto {
  @ApiProperty({ description: 'True when every question of the session has been answered' })
  done!: boolean;

  @ApiProperty({ type: QuestionPromptDto, nullable: true })
  question!: QuestionPromptDto | null;

  @ApiProperty()
  answeredCount!: number;

  @ApiProperty()
  questionCount!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Time left (exams with a time limit)' })
  remainingMs!: number | null;
}

export class ExamPaperDto {
  @ApiProperty({ type: [QuestionPromptDto] })
  questions!: QuestionPromptDto[];

  @ApiProperty({ nullable: true, type: Number })
  remainingMs!: number | null;
}
