import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { PageQuery } from '../common/pagination';
import { ParseObjectIdPipe } from '../common/validation';
import { AppConfig } from '../config';
import { DocumentsService } from './documents.service';
import {
  ChunkPageDto,
  DocumentDto,
  DocumentListQuery,
  DocumentPageDto,
  PublishDocumentDto,
  RenameDocumentDto,
  UploadDocumentDto,
} from './dto/document.dto';
import { readUpload } from './upload-source';

@ApiTags('documents')
@Authenticated()
@ApiNotFoundResponse({ description: 'No such document, or not yours' })
@Controller('api/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Upload a document (PDF, DOCX, Markdown, plain text)',
    description:
      'multipart/form-data with one part named `file`, up to UPLOAD_MAX_BYTES (default 20 MB). The type is ' +
      'checked against the file name, the declared type and the bytes. The text is extracted by page, split ' +
      'into sections, and the title and topics detected. A refused file leaves nothing stored.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentDto })
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiBadRequestResponse({ description: 'No file part, or the file is empty' })
  @ApiPayloadTooLargeResponse({ description: 'The file is over the size limit' })
  @ApiUnsupportedMediaTypeResponse({
    description:
      'Not multipart, an unsupported type, a content that does not match its declared type, or a text file that is not UTF-8',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'An encrypted or corrupt PDF, a damaged DOCX or zip bomb, or a document without text',
  })
  async upload(
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
  ): Promise<DocumentDto> {
    const source = await readUpload(request, this.config.http.uploadMaxBytes);
    return this.documents.upload(user.id, source);
  }

  @Get()
  @Authenticated({ scopes: ['documents:read'] })
  @ApiOperation({
    summary: 'Your documents, or the shared library (`scope=library`), oldest first',
  })
  @ApiOkResponse({ type: DocumentPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: DocumentListQuery): Promise<DocumentPageDto> {
    return this.documents.list(user.id, query.scope, query.limit, query.cursor);
  }

  @Get(':id')
  @Authenticated({ scopes: ['documents:read'] })
  @ApiOperation({ summary: 'One document' })
  @ApiOkResponse({ type: DocumentDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<DocumentDto> {
    return this.documents.get(user.id, id);
  }

  @Put(':id/published')
  @Authenticated({ roles: ['teacher', 'admin'] })
  @ApiOperation({
    summary: 'Publish a document to the shared library, or withdraw it',
    description:
      'Published documents can be read by every signed-in user, who can then practise and sit tests on ' +
      'its questions; comparisons between students need a shared document. Only the owner may publish.',
  })
  @ApiOkResponse({ type: DocumentDto })
  publish(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: PublishDocumentDto,
  ): Promise<DocumentDto> {
    return this.documents.setPublished(user.id, id, body.published);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a document' })
  @ApiOkResponse({ type: DocumentDto })
  rename(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: RenameDocumentDto,
  ): Promise<DocumentDto> {
    return this.documents.rename(user.id, id, body.title);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a document with its sections, questions and file',
    description:
      'Removes the document, its sections, its stored file and every question generated from it (with their ' +
      'versions). Refused with 409, changing nothing, while any of its questions is used by a test or session.',
  })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'A test or session uses some of its questions' })
  delete(@CurrentUser() user: AuthUser, @Param('id', ParseObjectIdPipe) id: string): Promise<void> {
    return this.documents.delete(user.id, id);
  }

  @Get(':id/file')
  @ApiOperation({ summary: 'Download the original file' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The file as uploaded',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiFoundResponse({
    description: 'With presigned downloads configured: a short-lived URL of the file',
  })
  async file(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile | undefined> {
    const opened = await this.documents.openFile(user.id, id);
    if ('url' in opened) {
      void reply.redirect(opened.url, 302);
      return undefined;
    }
    const { document, stream } = opened;
    return new StreamableFile(stream, {
      type: document.mimeType,
      length: document.sizeBytes,
      disposition: contentDisposition(document.filename),
    });
  }

  @Get(':id/chunks')
  @ApiOperation({ summary: 'The sections of a document, with their page and character range' })
  @ApiOkResponse({ type: ChunkPageDto })
  chunks(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Query() page: PageQuery,
  ): Promise<ChunkPageDto> {
    return this.documents.pageChunks(user.id, id, page.limit, page.cursor);
  }
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
