import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { ParseObjectIdPipe } from '../common/validation';
import {
  CreateQuestionDto,
  QuestionDto,
  QuestionListQuery,
  QuestionPageDto,
  QuestionVersionDto,
  QuestionVersionListDto,
  UpdateQuestionDto,
} from './dto/question.dto';
import { QuestionEditingService } from './question-editing.service';

const versionPipe = new ParseIntPipe({ errorHttpStatusCode: 400 });

@ApiTags('questions')
@Authenticated()
@ApiNotFoundResponse({ description: 'No such question, or not yours' })
@Controller('api/questions')
export class QuestionsController {
  constructor(private readonly questions: QuestionEditingService) {}

  @Get()
  @ApiOperation({
    summary: 'Your questions, oldest first, optionally of one document, topic or type',
  })
  @ApiOkResponse({ type: QuestionPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: QuestionListQuery): Promise<QuestionPageDto> {
    return this.questions.list(user.id, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a question',
    description:
      'Choices must differ and use positional ids (a, b, …); single-choice and true/false have exactly one ' +
      'correct choice, multiple-choice at least one; short-answer has an answer. A citation must quote a ' +
      'section of the question’s document.',
  })
  @ApiCreatedResponse({ type: QuestionDto })
  @ApiBadRequestResponse({ description: 'The question breaks a rule (details list the fields)' })
  @ApiConflictResponse({ description: 'You already have the same question' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateQuestionDto): Promise<QuestionDto> {
    return this.questions.create(user.id, { ...body });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One question (current version)' })
  @ApiOkResponse({ type: QuestionDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<QuestionDto> {
    return this.questions.getDetails(user.id, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit a question; every change creates a new version',
    description:
      'The edited question is checked like a new one. Answers already given keep their version.',
  })
  @ApiOkResponse({ type: QuestionDto })
  @ApiBadRequestResponse({ description: 'The edited question breaks a rule' })
  @ApiConflictResponse({ description: 'expectedVersion is not the current version' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: UpdateQuestionDto,
  ): Promise<QuestionDto> {
    return this.questions.update(user.id, id, { ...body });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a question',
    description:
      'A question used by a test is archived instead: hidden, its versions kept for the answers.',
  })
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseObjectIdPipe) id: string): Promise<void> {
    return this.questions.remove(user.id, id);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'Every version of a question, oldest first' })
  @ApiOkResponse({ type: QuestionVersionListDto })
  async versions(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<QuestionVersionListDto> {
    return { items: await this.questions.listVersions(user.id, id) };
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'A question as it was at one version' })
  @ApiOkResponse({ type: QuestionVersionDto })
  version(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('version', versionPipe) version: number,
  ): Promise<QuestionVersionDto> {
    return this.questions.getOwnedVersion(user.id, id, version);
  }

  @Post(':id/versions/:version/revert')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revert to a version',
    description: 'Stores that version’s content as a new version; history is kept.',
  })
  @ApiOkResponse({ type: QuestionDto })
  revert(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('version', versionPipe) version: number,
  ): Promise<QuestionDto> {
    return this.questions.revert(user.id, id, version);
  }
}
