import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsObjectId, Optional } from '../../common/validation';

export class ImportQueryDto {
  @ApiPropertyOptional({
    enum: ['all-or-nothing', 'valid-only'],
    default: 'all-or-nothing',
    description:
      'all-or-nothing: any invalid row imports nothing (422 with the report); valid-only: the valid rows are imported',
  })
  @Optional()
  @IsIn(['all-or-nothing', 'valid-only'])
  mode: 'all-or-nothing' | 'valid-only' = 'all-or-nothing';

  @ApiPropertyOptional({
    enum: ['csv', 'json'],
    description: 'Default: from the file name (.csv, .json) or type',
  })
  @Optional()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'json'], default: 'json' })
  @Optional()
  @IsIn(['csv', 'json'])
  format: 'csv' | 'json' = 'json';

  @ApiPropertyOptional({ type: String, description: 'Only the questions of this document' })
  @Optional()
  @IsObjectId('documentId must be a document id')
  documentId?: string;
}

export class RowIssueDto {
  @ApiProperty({ type: String }) field!: string;
  @ApiProperty({ type: String }) message!: string;
}

export class ImportRowDto {
  @ApiProperty({ type: Number, description: 'Row (question) number in the file, from 1' })
  row!: number;
  @ApiProperty({
    enum: ['imported', 'duplicate', 'invalid', 'skipped'],
    description: 'skipped: valid but not imported (another row was invalid in all-or-nothing mode)',
  })
  status!: string;
  @ApiPropertyOptional({ type: String }) questionId?: string;
  @ApiPropertyOptional({ description: 'The existing question or earlier row it repeats' })
  duplicateOf?: { questionId?: string; row?: number };
  @ApiProperty({ type: [RowIssueDto] }) errors!: RowIssueDto[];
  @ApiProperty({ type: [RowIssueDto], description: 'Near duplicates, sources dropped' })
  warnings!: RowIssueDto[];
}

export class ImportReportDto {
  @ApiProperty({ enum: ['csv', 'json'] }) format!: string;
  @ApiProperty({ enum: ['all-or-nothing', 'valid-only'] }) mode!: string;
  @ApiProperty({ type: Number }) total!: number;
  @ApiProperty({ type: Number }) valid!: number;
  @ApiProperty({ type: Number }) invalid!: number;
  @ApiProperty({ type: Number }) duplicates!: number;
  @ApiProperty({ type: Number }) imported!: number;
  @ApiProperty({ type: [ImportRowDto] }) rows!: ImportRowDto[];
}
