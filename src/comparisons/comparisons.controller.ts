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
import { Cached } from '../infra/cache/cached.decorator';
import { RateLimit } from '../infra/throttling/throttling.module';
import { ComparisonsService } from './comparisons.service';
import {
  CohortStatsDto,
  HistoricalDto,
  PeerComparisonDto,
  PercentileRankingDto,
  TrendDto,
  TrendQuery,
} from './dto/comparisons.dto';

const PRIVACY =
  'Peers are the other students with a finished test on the document (their latest score each). With fewer than COMPARISON_MIN_COHORT (at least 5) the answer is status "not-enough-peers" and no numbers; ids, minimum and maximum are never shown.';

@ApiTags('comparisons')
@ApiBadRequestResponse({ description: 'Invalid id or query' })
@Authenticated()
@RateLimit('analytics')
@Controller('api/comparisons')
export class ComparisonsController {
  constructor(private readonly comparisons: ComparisonsService) {}

  @Get('percentile-ranking/:documentId')
  @Cached({ tags: ['user:{user}', 'document:{documentId}'] })
  @ApiOperation({ summary: 'Your percentile among peers on a document', description: PRIVACY })
  @ApiOkResponse({ type: PercentileRankingDto })
  @ApiNotFoundResponse({ description: 'No finished test of yours on this document' })
  percentileRanking(
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseObjectIdPipe) documentId: string,
  ): Promise<PercentileRankingDto> {
    return this.comparisons.percentileRanking(user.id, documentId);
  }

  @Get('peer-comparison/:documentId')
  @Cached({ tags: ['user:{user}', 'document:{documentId}'] })
  @ApiOperation({ summary: 'You against the anonymous peer distribution', description: PRIVACY })
  @ApiOkResponse({ type: PeerComparisonDto })
  @ApiNotFoundResponse({ description: 'No finished test of yours on this document' })
  peerComparison(
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseObjectIdPipe) documentId: string,
  ): Promise<PeerComparisonDto> {
    return this.comparisons.peerComparison(user.id, documentId);
  }

  @Get('cohort-stats/:documentId')
  @Cached({ tags: ['user:{user}', 'document:{documentId}'] })
  @ApiOperation({
    summary: 'Score statistics of the students on a document (for its takers and its owner)',
    description: PRIVACY,
  })
  @ApiOkResponse({ type: CohortStatsDto })
  @ApiNotFoundResponse({ description: 'Neither taken nor owned by you' })
  cohortStats(
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseObjectIdPipe) documentId: string,
  ): Promise<CohortStatsDto> {
    return this.comparisons.cohortStats(user.id, documentId);
  }

  @Get('historical')
  @Cached({ tags: ['user:{user}'] })
  @ApiOperation({ summary: 'Your mastery and test score now against 30, 60 and 90 days ago' })
  @ApiOkResponse({ type: HistoricalDto })
  historical(@CurrentUser() user: AuthUser): Promise<HistoricalDto> {
    return this.comparisons.historical(user.id);
  }

  @Get('trend')
  @Cached({ tags: ['user:{user}'] })
  @ApiOperation({ summary: 'Weekly mastery and session scores with their least-squares trend' })
  @ApiOkResponse({ type: TrendDto })
  trend(@CurrentUser() user: AuthUser, @Query() query: TrendQuery): Promise<TrendDto> {
    return this.comparisons.trend(user.id, query.days);
  }
}
