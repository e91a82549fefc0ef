import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { ParseObjectIdPipe } from '../common/validation';
import { TopicParamPipe } from '../common/validation';
import { Cached } from '../infra/cache/cached.decorator';
import { RateLimit } from '../infra/throttling/throttling.module';
import { AnalyticsService } from './analytics.service';
import {
  FingerprintDto,
  ForgettingCurveDto,
  MasteryDto,
  ReadinessDto,
  TopicAnalyticsDto,
  TopicQuery,
  VelocityDto,
} from './dto/analytics.dto';

@ApiTags('analytics')
@ApiBadRequestResponse({ description: 'Invalid id or query' })
@Authenticated({ scopes: ['analytics:read'] })
@RateLimit('analytics')
@Controller('api/analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('mastery')
  @Cached({ tags: ['user:{user}'] })
  @ApiOperation({
    summary: 'Mastery per topic: Beta posterior of your chance of a correct answer',
    description: 'Answers fade with a 30-day half-life, so mastery follows your current level.',
  })
  @ApiOkResponse({ type: MasteryDto })
  mastery(@CurrentUser() user: AuthUser, @Query() query: TopicQuery): Promise<MasteryDto> {
    return this.analytics.mastery(user.id, query.topic);
  }

  @Get('velocity')
  @Cached({ tags: ['user:{user}'] })
  @ApiOperation({ summary: 'Learning velocity: change in mastery per study hour and per week' })
  @ApiOkResponse({ type: VelocityDto })
  velocity(@CurrentUser() user: AuthUser): Promise<VelocityDto> {
    return this.analytics.velocity(user.id);
  }

  @Get('forgetting-curve')
  @Cached({ tags: ['user:{user}'] })
  @ApiOperation({
    summary: 'Observed recall against days since the last review, with the fitted decay',
  })
  @ApiOkResponse({ type: ForgettingCurveDto })
  forgettingCurve(
    @CurrentUser() user: AuthUser,
    @Query() query: TopicQuery,
  ): Promise<ForgettingCurveDto> {
    return this.analytics.forgettingCurve(user.id, query.topic);
  }

  @Get('readiness/:documentId')
  @Cached({ tags: ['user:{user}', 'document:{documentId}'] })
  @ApiOperation({
    summary: 'Exam readiness: predicted score on a test of a document, with its interval',
  })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiNotFoundResponse({ description: 'No questions of yours on this document' })
  readiness(
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseObjectIdPipe) documentId: string,
  ): Promise<ReadinessDto> {
    return this.analytics.readiness(user.id, documentId);
  }

  @Get('fingerprint')
  @Cached({ tags: ['user:{user}'] })
  @ApiOperation({
    summary:
      'Behavioural fingerprint: preferred hours, session length, speed against accuracy, consistency',
  })
  @ApiOkResponse({ type: FingerprintDto })
  fingerprint(@CurrentUser() user: AuthUser): Promise<FingerprintDto> {
    return this.analytics.fingerprint(user.id);
  }

  @Get('topics/:topic')
  @Cached({ tags: ['user:{user}'] })
  @ApiOperation({ summary: 'Mastery, velocity and forgetting curve of one topic' })
  @ApiOkResponse({ type: TopicAnalyticsDto })
  topic(
    @CurrentUser() user: AuthUser,
    @Param('topic', TopicParamPipe) topic: string,
  ): Promise<TopicAnalyticsDto> {
    return this.analytics.topic(user.id, topic);
  }
}
