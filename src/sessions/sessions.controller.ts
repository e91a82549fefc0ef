import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { PageQuery } from '../common/pagination';
import { ParseObjectIdPipe } from '../common/validation';
import { AnswerResultDto, SubmitAnswerDto } from './dto/answer.dto';
import { CreateSessionDto } from './dto/create-session.dto';
import { ExamPaperDto, NextQuestionDto } from './dto/question.dto';
import { SessionResultDto } from './dto/result.dto';
import { SessionDto, SessionPageDto } from './dto/session.dto';
import { AnsweringService } from './answering.service';
import { SessionLifecycleService } from './session-lifecycle.service';

@ApiTags('sessions')
@Authenticated()
@ApiBadRequestResponse({ description: 'Invalid body, query or id' })
@ApiNotFoundResponse({ description: 'No such session, or not yours' })
@Controller('api/sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionLifecycleService,
    private readonly answering: AnsweringService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Start a practice, exam or adaptive session on a document or topics',
    description:
      'Practice and exam sessions pick `questionCount` of your matching questions at random (fewer if ' +
      'fewer match); adaptive sessions pick each next question from up to 200 so that your predicted ' +
      'chance of success is closest to ADAPTIVE_TARGET_SUCCESS (default 70 %).',
  })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiUnprocessableEntityResponse({ description: 'None of your questions match' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateSessionDto): Promise<SessionDto> {
    return this.sessions.create(user.id, body);
  }

  @Get()
  @ApiOperation({ summary: 'Your sessions, newest first' })
  @ApiOkResponse({ type: SessionPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<SessionPageDto> {
    return this.sessions.page(user.id, query.limit, query.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your sessions' })
  @ApiOkResponse({ type: SessionDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<SessionDto> {
    return this.sessions.get(user.id, id);
  }

  @Get(':id/next')
  @ApiOperation({
    summary: 'The question to answer now (never its answer key)',
    description: 'The same question until it is answered; `done` once every question is answered.',
  })
  @ApiOkResponse({ type: NextQuestionDto })
  @ApiConflictResponse({ description: 'The session is finished or past its time limit' })
  next(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<NextQuestionDto> {
    return this.answering.next(user.id, id);
  }

  @Get(':id/questions')
  @ApiOperation({ summary: 'Exams: every question of the paper (never the answer keys)' })
  @ApiOkResponse({ type: ExamPaperDto })
  @ApiConflictResponse({ description: 'Not an exam, or finished, or past its time limit' })
  paper(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<ExamPaperDto> {
    return this.answering.paper(user.id, id);
  }

  @Post(':id/answers')
  @ApiOperation({
    summary: 'Answer a question',
    description:
      'Practice and adaptive sessions answer the question from `next` and get feedback with the key; ' +
      'exams answer any question of the paper and get no feedback. Answering a question again returns ' +
      'the first result (200) and records nothing.',
  })
  @ApiCreatedResponse({ type: AnswerResultDto, description: 'Recorded' })
  @ApiOkResponse({ type: AnswerResultDto, description: 'Already answered: the first result' })
  @ApiConflictResponse({
    description: 'Finished, past the time limit, or the question has not been presented yet',
  })
  async answer(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: SubmitAnswerDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AnswerResultDto> {
    const { created, result } = await this.answering.answer(user.id, id, body);
    reply.status(created ? 201 : 200);
    return result;
  }

  @Post(':id/finish')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the session and get the result (again: the same result)' })
  @ApiOkResponse({ type: SessionResultDto })
  finish(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<SessionResultDto> {
    return this.sessions.finish(user.id, id);
  }

  @Get(':id/result')
  @ApiOperation({
    summary: 'Score, breakdowns by topic and difficulty, and every question with its key',
  })
  @ApiOkResponse({ type: SessionResultDto })
  @ApiConflictResponse({ description: 'The session is still active' })
  result(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<SessionResultDto> {
    return this.sessions.getResult(user.id, id);
  }
}
