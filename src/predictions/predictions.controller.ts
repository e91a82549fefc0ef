import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TopicParamPipe } from '../common/validation';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { BurnoutRiskDto, NextDifficultyDto, SuccessPredictionDto } from './dto/predictions.dto';
import { Cached } from '../infra/cache/cached.decorator';
import { RateLimit } from '../infra/throttling/throttling.module';
import { PredictionsService } from './predictions.service';

@ApiTags('predictions')
@ApiBadRequestResponse({ description: 'Invalid topic' })
@Authenticated()
@RateLimit('analytics')
@Controller('api/predictions')
export class PredictionsController {
  constructor(private readonly predictions: PredictionsService) {}

  @Get('success/:topic')
  @Cached({ tags: ['user:{user}'] })
  @ApiOperation({
    summary: 'Probability that your next answer on a topic is correct (Bayesian Knowledge Tracing)',
    description:
      'BKT parameters are fitted on your own answer history (all topics); until it is long enough, a default prior is used.',
  })
  @ApiOkResponse({ type: SuccessPredictionDto })
  success(
    @CurrentUser() user: AuthUser,
    @Param('topic', TopicParamPipe) topic: string,
  ): Promise<SuccessPredictionDto> {
    return this.predictions.success(user.id, topic);
  }

  @Get('burnout-risk')
  @Cached({ tags: ['user:{user}'] })
  @ApiOperation({
    summary: 'Burnout risk: four indicators with value, threshold and contribution, and the level',
  })
  @ApiOkResponse({ type: BurnoutRiskDto })
  burnoutRisk(@CurrentUser() user: AuthUser): Promise<BurnoutRiskDto> {
    return this.predictions.burnoutRisk(user.id);
  }

  @Get('next-difficulty/:topic')
  @Cached({ tags: ['user:{user}'] })
  @ApiOperation({ summary: 'The question difficulty that targets the configured success rate' })
  @ApiOkResponse({ type: NextDifficultyDto })
  nextDifficulty(
    @CurrentUser() user: AuthUser,
    @Param('topic', TopicParamPipe) topic: string,
  ): Promise<NextDifficultyDto> {
    return this.predictions.nextDifficulty(user.id, topic);
  }
}
