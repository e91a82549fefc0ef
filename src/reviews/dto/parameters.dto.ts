import { ApiProperty } from '@nestjs/swagger';

export class LastFitDto {
  @ApiProperty({ description: 'Reviews the fit used' })
  reviewCount!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Log loss on your most recent fifth of reviews (held out) of the parameters in use before the fit',
  })
  logLossBefore!: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'The same for the newly fitted parameters',
  })
  logLossAfter!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'The same for the default parameters' })
  logLossDefaults!: number | null;

  @ApiProperty({
    description: 'Whether the fitted parameters beat the ones in use and were adopted',
  })
  adopted!: boolean;

  @ApiProperty()
  checkedAt!: Date;
}

export class ParametersDto {
  @ApiProperty({ type: [Number], description: 'The 21 FSRS-6 parameters scheduling your cards' })
  parameters!: number[];

  @ApiProperty({ description: 'True while the default parameters are in use' })
  isDefault!: boolean;

  @ApiProperty({
    nullable: true,
    type: Date,
    description: 'When the parameters in use were fitted',
  })
  fittedAt!: Date | null;

  @ApiProperty({ description: 'Reviews in your log (self-graded and graded answers)' })
  reviewCount!: number;

  @ApiProperty({ description: 'Reviews needed before parameters are fitted' })
  minReviews!: number;

  @ApiProperty({ type: LastFitDto, nullable: true })
  lastFit!: LastFitDto | null;
}

export class OptimizeStartedDto {
  @ApiProperty({
    description:
      'The id of the background fitting job; GET /api/reviews/parameters shows its result',
  })
  jobId!: string;
}
