import { ApiProperty } from '@nestjs/swagger';

export class BktParamsDto {
  @ApiProperty({ description: 'P(known before the first answer)' })
  pInit!: number;

  @ApiProperty({ description: 'P(learning the skill at each answer)' })
  pLearn!: number;

  @ApiProperty({ description: 'P(wrong answer although known)' })
  pSlip!: number;

  @ApiProperty({ description: 'P(right answer although not known)' })
  pGuess!: number;
}

export class BktModelDto {
  @ApiProperty({
    example: 'bkt',
    description: 'Bayesian Knowledge Tracing (Corbett & Anderson 1995)',
  })
  name!: string;

  @ApiProperty({ type: BktParamsDto })
  params!: BktParamsDto;

  @ApiProperty({
    enum: ['fitted', 'default-prior'],
    description: 'fitted on your own answer history, or the default prior while it is too short',
  })
  source!: 'fitted' | 'default-prior';

  @ApiProperty({ description: 'Answers the parameters were fitted on (all topics)' })
  answers!: number;

  @ApiProperty({ description: 'Topics (sequences) in that history' })
  sequences!: number;

  @ApiProperty({ nullable: true, type: Number })
  logLikelihood!: number | null;
}

export class SuccessPredictionDto {
  @ApiProperty()
  asOf!: string;

  @ApiProperty()
  topic!: string;

  @ApiProperty({ description: 'P(your next answer on the topic is correct)' })
  probability!: number;

  @ApiProperty({ description: 'P(you know the topic), after your answers on it' })
  pKnown!: number;

  @ApiProperty({ description: 'Your answers on the topic the forecast used' })
  answersOnTopic!: number;

  @ApiProperty({ type: BktModelDto })
  model!: BktModelDto;
}

export class BurnoutIndicatorDto {
  @ApiProperty({
    enum: ['accuracyDecline', 'responseTimeIncrease', 'sessionFrequencyDrop', 'lateOrLongSessions'],
  })
  name!: string;

  @ApiProperty({ description: 'Change of the last 7 days against the 28 days before' })
  value!: number;

  @ApiProperty()
  threshold!: number;

  @ApiProperty({ description: '0.25 × min(value / threshold, 1), when there is enough data' })
  contribution!: number;

  @ApiProperty()
  triggered!: boolean;

  @ApiProperty()
  sufficientData!: boolean;
}

export class BurnoutRiskDto {
  @ApiProperty()
  asOf!: string;

  @ApiProperty({ enum: ['low', 'moderate', 'high'] })
  level!: string;

  @ApiProperty({ description: 'Sum of the contributions, 0..1' })
  score!: number;

  @ApiProperty()
  timeZone!: string;

  @ApiProperty({ example: { recentDays: 7, baselineDays: 28 } })
  windows!: { recentDays: number; baselineDays: number };

  @ApiProperty({ type: [BurnoutIndicatorDto] })
  indicators!: BurnoutIndicatorDto[];
}

export class TargetDifficultyDto {
  @ApiProperty({ description: 'Question difficulty b on the Rasch logit scale' })
  logit!: number;

  @ApiProperty({ description: 'The same on the 0..1 scale of question difficulties' })
  fraction!: number;

  @ApiProperty({ enum: ['easy', 'medium', 'hard'] })
  level!: string;
}

export class NextDifficultyDto {
  @ApiProperty()
  topic!: string;

  @ApiProperty({ description: 'Your ability θ in the topic (Rasch logits)' })
  theta!: number;

  @ApiProperty({ description: 'Answers behind θ (0: the prior θ = 0)' })
  answers!: number;

  @ApiProperty({ description: 'The success rate aimed at (PREDICTION_TARGET_SUCCESS)' })
  targetSuccess!: number;

  @ApiProperty({ type: TargetDifficultyDto, description: 'b = θ − ln(p / (1 − p))' })
  difficulty!: TargetDifficultyDto;
}
