import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsNumber, IsString, Length, Max, Min } from 'class-validator';
import { Page } from '../../common/pagination';
import { IsObjectId, Optional } from '../../common/validation';
import { EXAM_SOURCES } from '../schemas/review-exam.schema';
import type { ExamSource } from '../schemas/review-exam.schema';

export class CreateExamDto {
  @ApiPropertyOptional({
    description: 'The topic the exam covers (or give documentId)',
    maxLength: 200,
  })
  @Optional()
  @IsString()
  @Length(1, 200)
  topic?: string;

  @ApiPropertyOptional({
    maxLength: 24,
    description: 'The document the exam covers (or give topic)',
  })
  @Optional()
  @IsObjectId('documentId must be a document id')
  documentId?: string;

  @ApiProperty({
    format: 'date-time',
    maxLength: 40,
    description: 'When the exam is (ISO 8601), within two years',
    example: '2025-06-12T09:00:00Z',
  })
  @IsDateString({ strict: true })
  @Length(1, 40)
  examAt!: string;

  @ApiPropertyOptional({
    minimum: 0.7,
    maximum: 0.99,
    description:
      'Recall wanted on the exam day (default: your desired retention). Cards whose predicted recall at the exam falls below it are reviewed before the exam.',
  })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.7)
  @Max(0.99)
  targetRecall?: number;
}

export class ExamDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ type: [String], description: 'The topics in scope (empty: the document)' })
  topics!: string[];

  @ApiProperty({ nullable: true, type: String })
  documentId!: string | null;

  @ApiProperty()
  examAt!: Date;

  @ApiProperty({ nullable: true, type: Number })
  targetRecall!: number | null;

  @ApiProperty({ enum: EXAM_SOURCES, description: 'Set by you, or a study plan’s deadline' })
  source!: ExamSource;

  @ApiProperty({ nullable: true, type: String })
  planId!: string | null;

  @ApiProperty()
  createdAt!: Date;
}

export class CreatedExamDto extends ExamDto {
  @ApiProperty({ description: 'Cards in scope whose due date was pulled in before the exam' })
  pulledIn!: number;
}

export class ExamPageDto extends Page<ExamDto> {
  @ApiProperty({ type: [ExamDto] })
  declare items: ExamDto[];
}
