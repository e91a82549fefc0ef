import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { IdempotencyKey, ParseObjectIdPipe } from '../common/validation';
import {
  AdaptiveGenerationDto,
  ExplanationDto,
  GenerateQuestionsDto,
  GenerationJobDto,
  PersonalExplanationDto,
  WrongAnswerDto,
} from './dto/generation.dto';
import { AdaptiveGenerationService } from './adaptive-generation.service';
import { ExplanationsService } from './explanations.service';
import { GenerationService } from './generation.service';
import { RateLimit } from '../infra/throttling/throttling.module';

@ApiTags('generation')
@Authenticated()
@Controller('api')
export class GenerationController {
  constructor(
    private readonly generation: GenerationService,
    private readonly explanations: ExplanationsService,
    private readonly adaptive: AdaptiveGenerationService,
  ) {}

  @Post('documents/:id/questions/generate')
  @RateLimit('generation')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Generate questions from a document, in the background',
    description:
      'Queues a job and answers 202 with it; follow it at GET /api/generation-jobs/{jobId}. Every question ' +
      'cites the passage it comes from, which holds its answer, and repeats none of the document’s questions. ' +
      'With an Idempotency-Key, a retried request returns the same job (200) instead of generating again.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiAcceptedResponse({ type: GenerationJobDto, description: 'Queued' })
  @ApiOkResponse({
    type: GenerationJobDto,
    description: 'The job this Idempotency-Key already created',
  })
  @ApiBadRequestResponse({ description: 'Invalid count, types, difficulty mix or topics' })
  @ApiConflictResponse({ description: 'The Idempotency-Key was used for a different request' })
  @ApiNotFoundResponse({ description: 'No such document, or not yours' })
  async generate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: GenerateQuestionsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<GenerationJobDto> {
    const { job, created } = await this.generation.request(user.id, id, body, idempotencyKey);
    if (!created) void reply.status(200);
    return job;
  }

  @Post('generation/adaptive')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Generate questions for you: your weakest topics of a document, at your level',
    description:
      'Ranks the document’s topics by your mastery times your predicted recall today (weakest first), and ' +
      'asks for questions on the weakest at the Rasch difficulty that gives you the target success rate ' +
      '(PREDICTION_TARGET_SUCCESS). Avoids the document’s questions and every question you have answered. ' +
      'The job records the plan and why each question was asked for.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiAcceptedResponse({ type: GenerationJobDto, description: 'Queued' })
  @ApiOkResponse({
    type: GenerationJobDto,
    description: 'The job this Idempotency-Key already created',
  })
  @ApiBadRequestResponse({ description: 'Invalid count, types or topics' })
  @ApiConflictResponse({ description: 'The Idempotency-Key was used for a different request' })
  @ApiNotFoundResponse({ description: 'No such document, or not yours' })
  async generateAdaptive(
    @CurrentUser() user: AuthUser,
    @Body() body: AdaptiveGenerationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<GenerationJobDto> {
    const { job, created } = await this.adaptive.request(user.id, body, idempotencyKey);
    if (!created) void reply.status(200);
    return job;
  }

  @Get('generation-jobs/:id')
  @ApiOperation({
    summary:
      'A generation job: status, progress (n of total), errors, token usage and provider calls',
  })
  @ApiOkResponse({ type: GenerationJobDto })
  @ApiNotFoundResponse({ description: 'No such job, or not yours' })
  job(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<GenerationJobDto> {
    return this.generation.get(user.id, id);
  }

  @Post('questions/:id/explanation')
  @RateLimit('generation')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Explain a question’s answer, with citations',
    description:
      'Written once per question version by the configured provider, then returned from the cache.',
  })
  @ApiOkResponse({ type: ExplanationDto })
  @ApiNotFoundResponse({ description: 'No such question, or not yours' })
  @ApiServiceUnavailableResponse({ description: 'The provider failed or its reply was unusable' })
  explain(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<ExplanationDto> {
    return this.explanations.explain(user.id, id);
  }

  @Post('questions/:id/explanation/personal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Explain your wrong answer, adapted to you',
    description:
      'Adapts to the misconception your answer suggests (the wrong choices you picked), your mastery of the ' +
      'topic and your pace: fast guessers get a short hint, low mastery a step-by-step walk through the ' +
      'cited passage, others a contrast of their answer and the key. Cached per question version and ' +
      'profile bucket, not per user. A right answer is a 400.',
  })
  @ApiOkResponse({ type: PersonalExplanationDto })
  @ApiBadRequestResponse({ description: 'No answer given, or the answer is right' })
  @ApiNotFoundResponse({ description: 'No such question, or not yours' })
  @ApiServiceUnavailableResponse({ description: 'The provider failed or its reply was unusable' })
  explainWrongAnswer(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: WrongAnswerDto,
  ): Promise<PersonalExplanationDto> {
    return this.explanations.explainWrongAnswer(user.id, id, body);
  }
}
