import { Controller, Get, Param, Post, Put, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { IdempotencyKey, ParseObjectIdPipe } from '../common/validation';
import { AppConfig } from '../config';
import { UploadDocumentDto } from '../documents/dto/document.dto';
import { ExportQueryDto, ImportQueryDto, ImportReportDto } from './dto/bank.dto';
import { RecalibrationDto, SimilarListDto, SimilarQueryDto } from './dto/question.dto';
import { readImportFile } from './import-file';
import { QuestionBankService } from './question-bank.service';
import { QuestionEditingService } from './question-editing.service';

@ApiTags('question-management')
@Authenticated()
@Controller('api/question-management')
export class QuestionManagementController {
  constructor(
    private readonly bank: QuestionBankService,
    private readonly questions: QuestionEditingService,
    private readonly config: AppConfig,
  ) {}

  @Get('bulk/export')
  @ApiOperation({
    summary: 'Export your questions as CSV or JSON (streamed)',
    description:
      'The formats import reads back. CSV cells starting with = + - @ (or tab, CR, quote) get a leading quote ' +
      'against formula injection; import removes it.',
  })
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ description: 'The bank file', schema: { type: 'string', format: 'binary' } })
  async exportBank(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportQueryDto,
  ): Promise<StreamableFile> {
    const csv = query.format === 'csv';
    const rows = await this.bank.export(user.id, query.format, query.documentId);
    return new StreamableFile(Readable.from(rows), {
      type: csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      disposition: `attachment; filename="questions.${query.format}"`,
    });
  }

  @Post('bulk/import')
  @ApiOperation({
    summary: 'Import questions from a CSV or JSON bank',
    description:
      'Every row is validated first and reported. Default all-or-nothing: any invalid row imports nothing ' +
      '(422 with the report in `details`); `?mode=valid-only` imports the valid rows. Exact repeats of your ' +
      'questions or of earlier rows are skipped as duplicates; near repeats are imported with a warning. ' +
      'Send an Idempotency-Key to make a retry safe.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentDto })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ImportReportDto })
  @ApiBadRequestResponse({ description: 'No file, or the file is not readable CSV/JSON' })
  @ApiUnprocessableEntityResponse({
    description: 'All-or-nothing and some rows are invalid: nothing imported',
  })
  async importBank(
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Query() query: ImportQueryDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<ImportReportDto> {
    const file = await readImportFile(request, this.config.http.uploadMaxBytes, query.format);
    return this.bank.import(user.id, file, query.mode, idempotencyKey);
  }

  @Get(':id/similar')
  @ApiOperation({
    summary: 'Your questions similar to this one (cosine similarity of TF-IDF vectors)',
  })
  @ApiOkResponse({ type: SimilarListDto })
  @ApiNotFoundResponse({ description: 'No such question, or not yours' })
  similar(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Query() query: SimilarQueryDto,
  ): Promise<SimilarListDto> {
    return this.bank.similar(user.id, id, query.threshold, query.limit);
  }

  @Put(':id/recalibrate')
  @ApiOperation({
    summary: 'Recalibrate the difficulty from the answers given',
    description:
      'New difficulty = share of wrong answers, once RECALIBRATION_MIN_ANSWERS answers exist; a change is a new version.',
  })
  @ApiOkResponse({ type: RecalibrationDto })
  @ApiConflictResponse({ description: 'Not enough answers yet (details: sampleSize, required)' })
  @ApiNotFoundResponse({ description: 'No such question, or not yours' })
  recalibrate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<RecalibrationDto> {
    return this.questions.recalibrate(user.id, id);
  }
}
