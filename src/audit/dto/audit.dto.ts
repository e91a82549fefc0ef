import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Page, PageQuery } from '../../common/pagination';
import { IsObjectId } from '../../common/validation';

export const AUDIT_OUTCOMES = ['success', 'failure'] as const;

export class AuditEntryDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The user who acted' })
  actor!: string | null;

  @ApiProperty({ example: 'auth.sign-in' })
  action!: string;

  @ApiProperty({ nullable: true, type: String, description: 'What was acted on' })
  target!: string | null;

  @ApiProperty({ enum: AUDIT_OUTCOMES })
  outcome!: string;

  @ApiProperty({ nullable: true, type: String })
  ip!: string | null;

  @ApiProperty({ nullable: true, type: String })
  userAgent!: string | null;

  @ApiProperty({ nullable: true, type: String })
  requestId!: string | null;

  @ApiProperty({ format: 'date-time' })
  at!: Date;
}

export class AuditPageDto extends Page<AuditEntryDto> {
  @ApiProperty({ type: [AuditEntryDto] })
  declare items: AuditEntryDto[];
}

export class AdminAuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only entries by this user id' })
  @IsOptional()
  @IsObjectId('actor must be a user id')
  actor?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'auth.sign-in' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  action?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this time' })
  @IsOptional()
  @IsDateString()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this time' })
  @IsOptional()
  @IsDateString()
  to?: string;
}
