import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Optional } from '../../common/validation';

export class NotEnoughPeersDto {
  @ApiProperty({ enum: ['not-enough-peers'] })
  status!: 'not-enough-peers';

  @ApiProperty({ description: 'Fewest other students a comparison may describe' })
  minimum!: number;

  @ApiProperty({
    example:
      'Not enough peers have finished a test on this document to compare (at least 5 are needed).',
  })
  message!: string;
}

export class CohortStatisticsDto {
  @ApiProperty({ description: 'Peers (other students), one latest score each' })
  count!: number;

  @ApiProperty()
  mean!: number;

  @ApiProperty()
  median!: number;

  @ApiProperty({ nullable: true, type: Number })
  standardDeviation!: number | null;

  @ApiProperty()
  q1!: number;

  @ApiProperty()
  q3!: number;
}

export class YourScoreDto {
  @ApiProperty({ description: 'Your latest score on the document, 0..1' })
  score!: number;

  @ApiProperty()
  finishedAt!: string;

  @ApiProperty({ description: 'Your finished tests on the document' })
  attempts!: number;
}

export class PercentileRankingDto {
  @ApiProperty({ enum: ['ok', 'not-enough-peers'] })
  status!: 'ok' | 'not-enough-peers';

  @ApiProperty()
  documentId!: string;

  @ApiPropertyOptional({ type: YourScoreDto })
  you?: YourScoreDto;

  @ApiPropertyOptional({ description: 'Peers below you plus half of those level with you, in %' })
  percentile?: number;

  @ApiPropertyOptional()
  peers?: number;

  @ApiPropertyOptional()
  minimum?: number;

  @ApiPropertyOptional()
  message?: string;
}

export class PeerComparisonDto {
  @ApiProperty({ enum: ['ok', 'not-enough-peers'] })
  status!: 'ok' | 'not-enough-peers';

  @ApiProperty()
  documentId!: string;

  @ApiPropertyOptional({ type: YourScoreDto })
  you?: YourScoreDto;

  @ApiPropertyOptional({
    type: CohortStatisticsDto,
    description: 'Anonymous: no ids, no minimum or maximum',
  })
  peers?: CohortStatisticsDto;

  @ApiPropertyOptional()
  percentile?: number;

  @ApiPropertyOptional({ enum: ['top-quarter', 'upper-middle', 'lower-middle', 'bottom-quarter'] })
  band?: string;

  @ApiPropertyOptional({ description: 'Your score minus the peers’ median' })
  differenceFromMedian?: number;

  @ApiPropertyOptional()
  minimum?: number;

  @ApiPropertyOptional()
  message?: string;
}

export class CohortStatsDto {
  @ApiProperty({ enum: ['ok', 'not-enough-peers'] })
  status!: 'ok' | 'not-enough-peers';

  @ApiProperty()
  documentId!: string;

  @ApiPropertyOptional({ type: CohortStatisticsDto })
  statistics?: CohortStatisticsDto;

  @ApiPropertyOptional()
  minimum?: number;

  @ApiPropertyOptional()
  message?: string;
}

export class PastValueDto {
  @ApiProperty({ example: 30 })
  days!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'The value as it stood then' })
  then!: number | null;

  @ApiProperty({ nullable: true, type: String })
  thenAt!: string | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Now minus then' })
  change!: number | null;
}

export class HistoricalMetricDto {
  @ApiProperty({ enum: ['mastery', 'testScore'] })
  metric!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ nullable: true, type: Number })
  current!: number | null;

  @ApiProperty({ type: [PastValueDto] })
  past!: PastValueDto[];
}

export class HistoricalDto {
  @ApiProperty()
  asOf!: string;

  @ApiProperty({ type: [HistoricalMetricDto] })
  metrics!: HistoricalMetricDto[];
}

export class TrendQuery {
  @ApiPropertyOptional({ minimum: 14, maximum: 365, default: 90, description: 'Days to look back' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(14)
  @Max(365)
  days = 90;
}

export class TrendPointDto {
  @ApiProperty()
  at!: string;

  @ApiProperty()
  value!: number;
}

export class TrendSeriesDto {
  @ApiProperty({ enum: ['mastery', 'testScore'] })
  metric!: string;

  @ApiProperty({ type: [TrendPointDto] })
  points!: TrendPointDto[];

  @ApiProperty({ nullable: true, type: Number, description: 'Least-squares slope per day' })
  slopePerDay!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  slopeStandardError!: number | null;

  @ApiProperty({ enum: ['up', 'down', 'flat', 'insufficient-data'] })
  direction!: string;
}

export class TrendDto {
  @ApiProperty()
  asOf!: string;

  @ApiProperty()
  days!: number;

  @ApiProperty({ type: [TrendSeriesDto] })
  series!: TrendSeriesDto[];
}
