import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
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
import { PageQuery } from '../common/pagination';
import { ParseObjectIdPipe } from '../common/validation';
import {
  CardDto,
  CardPageDto,
  CreateCardDto,
  FromSessionDto,
  QueuePageDto,
  QueueQuery,
  RescheduleCardDto,
  ScheduleDto,
  ScheduleQuery,
} from './dto/card.dto';
import {
  CreateReviewSessionDto,
  GradeResultDto,
  GradeReviewDto,
  ReviewSessionDto,
} from './dto/review-session.dto';
import { CreatedExamDto, CreateExamDto, ExamPageDto } from './dto/exam.dto';
import { OptimizeStartedDto, ParametersDto } from './dto/parameters.dto';
import {
  ReviewSettingsDto,
  UpdatedReviewSettingsDto,
  UpdateReviewSettingsDto,
} from './dto/settings.dto';
import { ReviewExamsService } from './review-exams.service';
import { ReviewParametersService } from './review-parameters.service';
import { ReviewSessionsService } from './review-sessions.service';
import { ReviewSettingsService } from './review-settings.service';
import { ReviewsService } from './reviews.service';

@ApiTags('reviews')
@ApiBadRequestResponse({ description: 'Invalid id, query or body' })
@Authenticated()
@Controller('api/reviews')
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly sittings: ReviewSessionsService,
    private readonly settings: ReviewSettingsService,
    private readonly parameters: ReviewParametersService,
    private readonly exams: ReviewExamsService,
  ) {}

  @Get('parameters')
  @ApiOperation({
    summary: 'Your FSRS parameters: fitted to your reviews, or the defaults',
    description:
      'When they were fitted, how many reviews you have, and the held-out log loss of the last fit before and after.',
  })
  @ApiOkResponse({ type: ParametersDto })
  getParameters(@CurrentUser() user: AuthUser): Promise<ParametersDto> {
    return this.parameters.get(user.id);
  }

  @Post('parameters/optimize')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Fit your FSRS parameters now (a background job)',
    description:
      'The official FSRS optimiser fits your review log; the new parameters are adopted only if they predict your most recent fifth of reviews better than the ones in use.',
  })
  @ApiAcceptedResponse({ type: OptimizeStartedDto })
  @ApiConflictResponse({ description: 'Fewer reviews than the fit needs' })
  optimizeParameters(@CurrentUser() user: AuthUser): Promise<OptimizeStartedDto> {
    return this.parameters.requestOptimisation(user.id);
  }

  @Delete('parameters')
  @ApiOperation({ summary: 'Go back to the default FSRS parameters' })
  @ApiOkResponse({ type: ParametersDto })
  resetParameters(@CurrentUser() user: AuthUser): Promise<ParametersDto> {
    return this.parameters.reset(user.id);
  }

  @Post('exams')
  @ApiOperation({
    summary: 'Set an exam date for a topic or a document',
    description:
      'Cards in scope whose recall at the exam would fall below your target are scheduled before it; the queue says why (dueReason "exam").',
  })
  @ApiCreatedResponse({ type: CreatedExamDto })
  @ApiNotFoundResponse({ description: 'No such document readable by you' })
  @ApiConflictResponse({ description: 'Too many exam dates' })
  createExam(@CurrentUser() user: AuthUser, @Body() body: CreateExamDto): Promise<CreatedExamDto> {
    return this.exams.create(user.id, body);
  }

  @Get('exams')
  @ApiOperation({ summary: 'Your exam dates, page by page' })
  @ApiOkResponse({ type: ExamPageDto })
  listExams(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<ExamPageDto> {
    return this.exams.list(user.id, query.limit, query.cursor);
  }

  @Delete('exams/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an exam date' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  deleteExam(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<void> {
    return this.exams.delete(user.id, id);
  }

  @Get('settings')
  @ApiOperation({ summary: 'Your scheduler: FSRS (the default) or SM-2, and FSRS’s target recall' })
  @ApiOkResponse({ type: ReviewSettingsDto })
  getSettings(@CurrentUser() user: AuthUser): Promise<ReviewSettingsDto> {
    return this.settings.get(user.id);
  }

  @Put('settings')
  @ApiOperation({
    summary: 'Choose the scheduler',
    description:
      'Switching algorithm rebuilds each card’s schedule from its review history (a background job).',
  })
  @ApiOkResponse({ type: UpdatedReviewSettingsDto })
  updateSettings(
    @CurrentUser() user: AuthUser,
    @Body() body: UpdateReviewSettingsDto,
  ): Promise<UpdatedReviewSettingsDto> {
    return this.settings.update(user.id, body);
  }

  @Post('cards')
  @ApiOperation({ summary: 'Add one of your questions to your reviews (due now)' })
  @ApiCreatedResponse({ type: CardDto })
  @ApiNotFoundResponse({ description: 'No such question of yours' })
  @ApiConflictResponse({ description: 'The question already has a card (details.cardId)' })
  createCard(@CurrentUser() user: AuthUser, @Body() body: CreateCardDto): Promise<CardDto> {
    return this.reviews.createCard(user.id, body.questionId.toLowerCase());
  }

  @Get('cards')
  @Authenticated({ scopes: ['reviews:read'] })
  @ApiOperation({ summary: 'Your review cards, page by page' })
  @ApiOkResponse({ type: CardPageDto })
  listCards(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<CardPageDto> {
    return this.reviews.listCards(user.id, query.limit, query.cursor);
  }

  @Get('cards/:id')
  @ApiOperation({ summary: 'One of your review cards' })
  @ApiOkResponse({ type: CardDto })
  @ApiNotFoundResponse()
  getCard(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<CardDto> {
    return this.reviews.getCard(user.id, id);
  }

  @Delete('cards/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop reviewing a card (its history stays in your analytics)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  deleteCard(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<void> {
    return this.reviews.deleteCard(user.id, id);
  }

  @Get('queue')
  @Authenticated({ scopes: ['reviews:read'] })
  @ApiOperation({
    summary: 'Due cards, most overdue first',
    description:
      'Cards whose due date has passed, earliest due first (the order in which they fell below the scheduler’s target recall), each with its recall probability now.',
  })
  @ApiOkResponse({ type: QueuePageDto })
  queue(@CurrentUser() user: AuthUser, @Query() query: QueueQuery): Promise<QueuePageDto> {
    return this.reviews.queue(user.id, query);
  }

  @Get('schedule')
  @Authenticated({ scopes: ['reviews:read'] })
  @ApiOperation({ summary: 'How many cards fall due on each of the next days (your time zone)' })
  @ApiOkResponse({ type: ScheduleDto })
  schedule(@CurrentUser() user: AuthUser, @Query() query: ScheduleQuery): Promise<ScheduleDto> {
    return this.reviews.schedule(user.id, query.days, query.topic);
  }

  @Post('sessions')
  @ApiOperation({ summary: 'Start a review sitting with the cards at the head of the queue' })
  @ApiCreatedResponse({ type: ReviewSessionDto })
  @ApiConflictResponse({ description: 'Nothing is due' })
  startSession(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateReviewSessionDto,
  ): Promise<ReviewSessionDto> {
    return this.sittings.start(user.id, body);
  }

  @Get('sessions/:id')
  @ApiOperation({ summary: 'A review sitting with its items' })
  @ApiOkResponse({ type: ReviewSessionDto })
  @ApiNotFoundResponse()
  getSession(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<ReviewSessionDto> {
    return this.sittings.get(user.id, id);
  }

  @Post('sessions/:id/reviews/:reviewId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Grade one review',
    description:
      'Idempotent: sending the same grade again answers the same; a different grade is a 409.',
  })
  @ApiOkResponse({ type: GradeResultDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description: 'Graded differently before, or the card changed since the sitting began',
  })
  grade(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('reviewId', ParseObjectIdPipe) reviewId: string,
    @Body() body: GradeReviewDto,
  ): Promise<GradeResultDto> {
    return this.sittings.grade(user.id, id, reviewId, body);
  }

  @Put(':id/reschedule')
  @ApiOperation({ summary: 'Move a card’s due date (not a review: the memory model is unchanged)' })
  @ApiOkResponse({ type: CardDto })
  @ApiNotFoundResponse()
  reschedule(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: RescheduleCardDto,
  ): Promise<CardDto> {
    return this.reviews.reschedule(user.id, id, body.dueAt);
  }

  @Post('from-session/:id')
  @ApiOperation({
    summary: 'Cards from the mistakes of one of your practice or test sessions',
    description: 'A question that already has a card keeps it; nothing is duplicated.',
  })
  @ApiCreatedResponse({ type: FromSessionDto })
  @ApiNotFoundResponse({ description: 'No such session of yours' })
  fromSession(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<FromSessionDto> {
    return this.reviews.createFromSession(user.id, id);
  }
}
