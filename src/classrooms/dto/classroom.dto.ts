import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsObjectId, Optional } from '../../common/validation';
import { ALERT_DECISIONS, ASSIGNMENT_MODES } from '../schemas/assignment.schema';
import type { AlertDecision, AssignmentMode } from '../schemas/assignment.schema';

export const MAX_BULK_STUDENTS = 500;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateClassroomDto {
  @ApiProperty({ maxLength: 200, example: 'Biology 7B' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class UpdateClassroomDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ description: 'false: the join code stops working until rotated' })
  @Optional()
  @IsBoolean()
  joinCodeEnabled?: boolean;
}

export class ClassroomDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() ownerId!: string;
  @ApiProperty({ type: [String], description: 'The owner and the co-teachers' })
  teacherIds!: string[];
  @ApiProperty({ description: 'Students join with it (POST /api/classrooms/join)' })
  joinCode!: string;
  @ApiProperty() joinCodeEnabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class ClassroomPageDto {
  @ApiProperty({ type: [ClassroomDto] }) items!: ClassroomDto[];
  @ApiPropertyOptional({ nullable: true }) next!: string | null;
}

export class TeacherDto {
  @ApiProperty({ maxLength: 320, description: 'The email of a teacher account' })
  @IsString()
  @MaxLength(320)
  email!: string;
}

export class AddStudentsDto {
  @ApiProperty({
    maxLength: 320,
    type: [String],
    maxItems: MAX_BULK_STUDENTS,
    example: ['ana@example.org'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_STUDENTS)
  @IsString({ each: true })
  @MaxLength(320, { each: true })
  emails!: string[];
}

export const ENROL_OUTCOMES = ['added', 'already-member', 'invited', 'already-invited', 'error'];

export class EnrolRowDto {
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ENROL_OUTCOMES }) outcome!: string;
  @ApiPropertyOptional({ nullable: true }) studentId!: string | null;
  @ApiPropertyOptional({ nullable: true }) error!: string | null;
}

export class EnrolReportDto {
  @ApiProperty({ type: [EnrolRowDto] }) rows!: EnrolRowDto[];
  @ApiProperty() added!: number;
  @ApiProperty() invited!: number;
  @ApiProperty() failed!: number;
}

export class JoinDto {
  @ApiProperty({ maxLength: 16, example: 'K7QM2P9X' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsString()
  @Matches(/^[A-Z0-9]{4,16}$/, { message: 'code must be a join code' })
  code!: string;
}

export class MemberDto {
  @ApiProperty() studentId!: string;
  @ApiProperty({ enum: ['active', 'withdrawn'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) joinedAt!: Date;
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberDto] }) items!: MemberDto[];
  @ApiPropertyOptional({ nullable: true }) next!: string | null;
}

export class StudentClassroomDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class CreateAssignmentDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({
    maxLength: 24,
    description: 'One of your documents; the questions are drawn from it',
  })
  @IsObjectId('documentId must be a document id')
  documentId!: string;

  @ApiPropertyOptional({ maxLength: 100, type: [String], maxItems: 20 })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  @MaxLength(100, { each: true })
  topics?: string[];

  @ApiProperty({ enum: ASSIGNMENT_MODES })
  @IsIn(ASSIGNMENT_MODES)
  mode!: AssignmentMode;

  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  questionCount!: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' })
  @Optional()
  @Type(() => Date)
  @IsDate()
  opensAt?: Date;

  @ApiProperty({ format: 'date-time', description: 'Starts after it are refused' })
  @Type(() => Date)
  @IsDate()
  dueAt!: Date;

  @ApiPropertyOptional({ minimum: 30, maximum: 86400, description: 'Exams only' })
  @Optional()
  @IsInt()
  @Min(30)
  @Max(86400)
  timeLimitSeconds?: number;
}

export class AssignmentDto {
  @ApiProperty() id!: string;
  @ApiProperty() classroomId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() documentId!: string;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ enum: ASSIGNMENT_MODES }) mode!: AssignmentMode;
  @ApiProperty() questionCount!: number;
  @ApiProperty({ format: 'date-time' }) opensAt!: Date;
  @ApiProperty({ format: 'date-time' }) dueAt!: Date;
  @ApiPropertyOptional({ nullable: true }) timeLimitSeconds!: number | null;
}

export class AssignmentPageDto {
  @ApiProperty({ type: [AssignmentDto] }) items!: AssignmentDto[];
  @ApiPropertyOptional({ nullable: true }) next!: string | null;
}

export const STUDENT_ASSIGNMENT_STATUSES = ['upcoming', 'open', 'started', 'submitted', 'missed'];

export class StudentAssignmentDto extends AssignmentDto {
  @ApiProperty({ enum: STUDENT_ASSIGNMENT_STATUSES }) status!: string;
  @ApiPropertyOptional({ nullable: true }) sessionId!: string | null;
  @ApiPropertyOptional({ nullable: true }) score!: number | null;
}

export class StudentAssignmentPageDto {
  @ApiProperty({ type: [StudentAssignmentDto] }) items!: StudentAssignmentDto[];
  @ApiPropertyOptional({ nullable: true }) next!: string | null;
}

export class SubmissionDto {
  @ApiProperty() id!: string;
  @ApiProperty() studentId!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty({ enum: ['started', 'submitted'] }) status!: string;
  @ApiPropertyOptional({ nullable: true }) score!: number | null;
  @ApiProperty({ description: 'The student has left or was removed from the class' })
  withdrawn!: boolean;
  @ApiProperty({ format: 'date-time' }) startedAt!: Date;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) submittedAt!: Date | null;
  @ApiPropertyOptional({
    nullable: true,
    description: 'Per question of the submitted session: correct and credit',
  })
  answers!: { questionId: string; topic: string; correct: boolean; credit: number }[] | null;
}

export class SubmissionPageDto {
  @ApiProperty({ type: [SubmissionDto] }) items!: SubmissionDto[];
  @ApiPropertyOptional({ nullable: true }) next!: string | null;
}

export class AlertDecisionDto {
  @ApiProperty({ maxLength: 300, description: 'The `key` of the alert' })
  @IsString()
  @MaxLength(300)
  key!: string;

  @ApiProperty({ enum: ALERT_DECISIONS })
  @IsIn(ALERT_DECISIONS)
  decision!: AlertDecision;
}
