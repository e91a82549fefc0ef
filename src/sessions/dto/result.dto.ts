import { ApiProperty } from '@nestjs/swagger';
import { QUESTION_TYPES } from '../../questions/question.types';
import type { QuestionType } from '../../questions/question.types';
import { AnswerKeyDto, GivenAnswerDto } from './answer.dto';
import { ChoiceDto } from './question.dto';
import { SessionDto } from './session.dto';

export class BreakdownDto {
  @ApiProperty({ description: 'The topic, or the difficulty level (easy, medium, hard)' })
  key!: string;

  @ApiProperty()
  questions!: number;

  @ApiProperty()
  answered!: number;

  @ApiProperty()
  correct!: number;

  @ApiProperty()
  credit!: number;

  @ApiProperty({ description: 'credit / questions' })
  score!: number;
}

export class ResultQuestionDto extends AnswerKeyDto {
  @ApiProperty()
  position!: number;

  @ApiProperty()
  questionId!: string;

  @ApiProperty()
  version!: number;

  @ApiProperty({ enum: QUESTION_TYPES })
  type!: QuestionType;

  @ApiProperty()
  stem!: string;

  @ApiProperty({ type: [ChoiceDto] })
  choices!: ChoiceDto[];

  @ApiProperty()
  topic!: string;

  @ApiProperty({ description: 'Authored difficulty, 0..1' })
  difficulty!: number;

  @ApiProperty({ type: GivenAnswerDto, nullable: true, description: 'null when unanswered' })
  given!: GivenAnswerDto | null;

  @ApiProperty()
  correct!: boolean;

  @ApiProperty()
  credit!: number;

  @ApiProperty({ nullable: true, type: Number })
  timeTakenMs!: number | null;
}

export class SessionResultDto {
  @ApiProperty({ type: SessionDto })
  session!: SessionDto;

  @ApiProperty({ description: 'creditSum / questionCount, 0..1' })
  score!: number;

  @ApiProperty()
  questionCount!: number;

  @ApiProperty()
  answeredCount!: number;

  @ApiProperty()
  correctCount!: number;

  @ApiProperty()
  creditSum!: number;

  @ApiProperty({ description: 'From the start to the end (the deadline for an expired exam)' })
  timeUsedMs!: number;

  @ApiProperty({ description: 'Sum of the answers’ time taken' })
  answeringMs!: number;

  @ApiProperty({ type: [BreakdownDto] })
  byTopic!: BreakdownDto[];

  @ApiProperty({ type: [BreakdownDto] })
  byDifficulty!: BreakdownDto[];

  @ApiProperty({ type: [ResultQuestionDto] })
  questions!: ResultQuestionDto[];
}
