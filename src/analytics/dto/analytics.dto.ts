import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Optional } from '../../common/validation';

export class TopicQuery {
  @ApiPropertyOptional({ description: 'Only this topic' })
  @Optional()
  @IsString()
  @Length(1, 200)
  topic?: string;
}

export class MasteryModelDto {
  @ApiProperty({
    example: 'beta-bernoulli',
    description: 'Beta posterior of the chance of a correct answer',
  })
  name!: string;

  @ApiProperty({ description: 'Prior pseudo-counts α₀ (correct) and β₀ (wrong)' })
  priorCorrect!: number;

  @ApiProperty()
  priorIncorrect!: number;

  @ApiProperty({ description: 'An answer this many days old weighs half as much as a new one' })
  halfLifeDays!: number;

  @ApiProperty({ description: 'Probability mass of the credible interval' })
  credibility!: number;
}

export class TopicMasteryDto {
  @ApiProperty()
  topic!: string;

  @ApiProperty({ description: 'Posterior mean probability of a correct answer, 0..1' })
  mastery!: number;

  @ApiProperty({ description: 'Credible interval, lower end' })
  lower!: number;

  @ApiProperty({ description: 'Credible interval, upper end' })
  upper!: number;

  @ApiProperty()
  answers!: number;

  @ApiProperty({ description: 'Total weight of the answers after fading' })
  effectiveAnswers!: number;

  @ApiProperty()
  lastAnswerAt!: string;
}

export class MasteryDto {
  @ApiProperty()
  asOf!: string;

  @ApiProperty({ type: MasteryModelDto })
  model!: MasteryModelDto;

  @ApiProperty({ type: [TopicMasteryDto] })
  topics!: TopicMasteryDto[];
}

export class TopicVelocityDto {
  @ApiProperty()
  topic!: string;

  @ApiProperty()
  answers!: number;

  @ApiProperty({ description: 'Time on task (sum of response times), hours' })
  studyHours!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Change in mastery per hour on task (least squares)',
  })
  perStudyHour!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Change in mastery per calendar week' })
  perWeek!: number | null;
}

export class VelocityDto {
  @ApiProperty()
  asOf!: string;

  @ApiProperty({ type: [TopicVelocityDto] })
  topics!: TopicVelocityDto[];

  @ApiProperty({
    type: 'object',
    properties: {
      perStudyHour: { type: 'number', nullable: true },
      perWeek: { type: 'number', nullable: true },
    },
    description: 'Answer-weighted mean of the topics’ slopes',
  })
  overall!: { perStudyHour: number | null; perWeek: number | null };
}

export class RecallBinDto {
  @ApiProperty()
  fromDays!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Exclusive; null for the last, open bin',
  })
  toDays!: number | null;

  @ApiProperty()
  reviews!: number;

  @ApiProperty()
  recalled!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'recalled / reviews' })
  observedRecall!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  meanDays!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'The fitted curve at meanDays' })
  fittedRecall!: number | null;
}

export class CurveFitDto {
  @ApiProperty({ enum: ['fitted', 'not-fittable'] })
  status!: 'fitted' | 'not-fittable';

  @ApiPropertyOptional({ description: 'S in R(t) = exp(−t / S), days' })
  stabilityDays?: number;

  @ApiPropertyOptional({ description: 'S · ln 2: days until recall falls to one half' })
  halfLifeDays?: number;

  @ApiPropertyOptional({
    type: 'object',
    properties: {
      lower: { type: 'number' },
      upper: { type: 'number', nullable: true },
      confidence: { type: 'number' },
    },
  })
  stabilityInterval?: { lower: number; upper: number | null; confidence: number };

  @ApiPropertyOptional({ enum: ['no-reviews', 'all-recalled', 'none-recalled'] })
  reason?: 'no-reviews' | 'all-recalled' | 'none-recalled';

  @ApiProperty()
  reviewsUsed!: number;
}

export class CurveDto {
  @ApiProperty({ type: [RecallBinDto] })
  bins!: RecallBinDto[];

  @ApiProperty({ type: CurveFitDto })
  fit!: CurveFitDto;
}

export class TopicCurveDto extends CurveDto {
  @ApiProperty()
  topic!: string;
}

export class ForgettingCurveDto {
  @ApiProperty()
  asOf!: string;

  @ApiProperty({ example: 'R(t) = exp(−t / S), maximum likelihood on each review' })
  model!: string;

  @ApiProperty({ type: CurveDto })
  overall!: CurveDto;

  @ApiProperty({ type: [TopicCurveDto] })
  topics!: TopicCurveDto[];
}

export class ReadinessTopicDto {
  @ApiProperty()
  topic!: string;

  @ApiProperty()
  questions!: number;

  @ApiProperty({ description: 'Ability θ in the topic (Rasch logits)' })
  theta!: number;

  @ApiProperty({ description: 'Answers behind θ' })
  answers!: number;

  @ApiProperty({ description: 'Mean chance of a correct answer on the topic’s questions' })
  expectedScore!: number;
}

export class ReadinessDto {
  @ApiProperty()
  asOf!: string;

  @ApiProperty()
  documentId!: string;

  @ApiProperty({ example: 'rasch', description: 'P(correct) = 1 / (1 + e^−(θ − b)) per question' })
  model!: string;

  @ApiProperty()
  questions!: number;

  @ApiProperty({ description: 'Expected fraction of the questions answered right' })
  predictedScore!: number;

  @ApiProperty()
  standardDeviation!: number;

  @ApiProperty()
  lower!: number;

  @ApiProperty()
  upper!: number;

  @ApiProperty()
  confidence!: number;

  @ApiProperty({ type: [ReadinessTopicDto] })
  topics!: ReadinessTopicDto[];
}

export class SessionLengthDto {
  @ApiProperty()
  sessions!: number;

  @ApiProperty()
  medianMinutes!: number;

  @ApiProperty()
  q1Minutes!: number;

  @ApiProperty()
  q3Minutes!: number;

  @ApiProperty()
  iqrMinutes!: number;
}

export class FingerprintDto {
  @ApiProperty()
  asOf!: string;

  @ApiProperty({ example: 'Europe/Paris' })
  timeZone!: string;

  @ApiProperty()
  utcOffsetMinutes!: number;

  @ApiProperty({ type: [Number], description: 'Study minutes per local hour, 00:00 first' })
  minutesByHour!: number[];

  @ApiProperty({ type: [Number], description: 'Hours with the most study, most first' })
  preferredHours!: number[];

  @ApiProperty({ type: SessionLengthDto, nullable: true })
  sessionLength!: SessionLengthDto | null;

  @ApiProperty({
    type: 'object',
    properties: { answers: { type: 'number' }, correlation: { type: 'number', nullable: true } },
    description:
      'Pearson r of ln(response time) and correctness: > 0 means slower answers are more often right',
  })
  speedAccuracy!: { answers: number; correlation: number | null };

  @ApiProperty({
    type: 'object',
    properties: {
      days: { type: 'number' },
      activeDays: { type: 'number' },
      activeShare: { type: 'number' },
      meanDailyMinutes: { type: 'number' },
      dailyMinutesCv: { type: 'number', nullable: true },
    },
  })
  consistency!: {
    days: number;
    activeDays: number;
    activeShare: number;
    meanDailyMinutes: number;
    dailyMinutesCv: number | null;
  };
}

export class TopicAnalyticsDto {
  @ApiProperty()
  asOf!: string;

  @ApiProperty()
  topic!: string;

  @ApiProperty({ type: TopicMasteryDto, nullable: true })
  mastery!: TopicMasteryDto | null;

  @ApiProperty({ type: TopicVelocityDto, nullable: true })
  velocity!: TopicVelocityDto | null;

  @ApiProperty({ type: CurveDto })
  forgettingCurve!: CurveDto;
}
