import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsObjectId, Optional } from '../../common/validation';
import {
  EXPERIMENT_STATUSES,
  METRIC_AGGREGATES,
  METRIC_KINDS,
  TARGET_ROLES,
  type ExperimentStatus,
  type MetricAggregate,
  type MetricKind,
  type TargetRole,
} from '../schemas/experiment.schema';

/** Keys of experiments, variants and metrics: lower-case slugs that cannot be taken for an id. */
export const KEY_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;
const KEY_MESSAGE = 'must be 1-64 characters: a lower-case letter, then a-z, 0-9, _ . or -';
export const MAX_VARIANTS = 10;
export const MAX_METRICS = 20;

export class VariantInputDto {
  @ApiProperty({ maxLength: 64, pattern: KEY_PATTERN.source, example: 'control' })
  @IsString()
  @MaxLength(64)
  @Matches(KEY_PATTERN, { message: `variant key ${KEY_MESSAGE}` })
  key!: string;

  @ApiProperty({ minimum: 1, maximum: 10000, description: 'Relative weight (integer)' })
  @IsInt()
  @Min(1)
  @Max(10000)
  weight!: number;

  @ApiPropertyOptional({
    maxLength: 64,
    nullable: true,
    description: 'What the product reads for this variant, e.g. "0.8" for a target success rate',
  })
  @Optional({ nullable: true })
  @IsString()
  @MaxLength(64)
  value?: string | null;
}

export class MetricInputDto {
  @ApiProperty({ maxLength: 64, pattern: KEY_PATTERN.source, example: 'session-completed' })
  @IsString()
  @MaxLength(64)
  @Matches(KEY_PATTERN, { message: `metric key ${KEY_MESSAGE}` })
  key!: string;

  @ApiProperty({
    enum: METRIC_KINDS,
    description: 'conversion: 0/1 per user; continuous: a number',
  })
  @IsIn(METRIC_KINDS)
  kind!: MetricKind;

  @ApiPropertyOptional({
    enum: METRIC_AGGREGATES,
    default: 'sum',
    description: 'Continuous metrics: how a user’s events combine',
  })
  @Optional()
  @IsIn(METRIC_AGGREGATES)
  aggregate?: MetricAggregate;
}

export class CreateExperimentDto {
  @ApiProperty({ maxLength: 64, pattern: KEY_PATTERN.source, example: 'adaptive-target-success' })
  @IsString()
  @MaxLength(64)
  @Matches(KEY_PATTERN, { message: `key ${KEY_MESSAGE}` })
  key!: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @Optional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiProperty({ type: [VariantInputDto], minItems: 2, maxItems: MAX_VARIANTS })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_VARIANTS)
  @ValidateNested({ each: true })
  @Type(() => VariantInputDto)
  variants!: VariantInputDto[];

  @ApiProperty({ maxLength: 64, description: 'Key of the control variant' })
  @IsString()
  @MaxLength(64)
  control!: string;

  @ApiProperty({ type: [MetricInputDto], minItems: 1, maxItems: MAX_METRICS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_METRICS)
  @ValidateNested({ each: true })
  @Type(() => MetricInputDto)
  metrics!: MetricInputDto[];

  @ApiPropertyOptional({
    enum: TARGET_ROLES,
    isArray: true,
    maxItems: TARGET_ROLES.length,
    description: 'Roles in the population; empty or absent: every role',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(TARGET_ROLES.length)
  @ArrayUnique()
  @IsIn(TARGET_ROLES, { each: true })
  targetRoles?: TargetRole[];

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 100 })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  targetPercent?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000000, default: 100 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1000000)
  minimumSampleSize?: number;
}

export class UpdateExperimentDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @Optional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({
    enum: EXPERIMENT_STATUSES,
    description: 'draft → running → stopped, forwards only',
  })
  @Optional()
  @IsIn(EXPERIMENT_STATUSES)
  status?: ExperimentStatus;

  @ApiPropertyOptional({
    type: [VariantInputDto],
    minItems: 2,
    maxItems: MAX_VARIANTS,
    description: 'Drafts only',
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_VARIANTS)
  @ValidateNested({ each: true })
  @Type(() => VariantInputDto)
  variants?: VariantInputDto[];

  @ApiPropertyOptional({ maxLength: 64, description: 'Drafts only' })
  @Optional()
  @IsString()
  @MaxLength(64)
  control?: string;

  @ApiPropertyOptional({
    type: [MetricInputDto],
    minItems: 1,
    maxItems: MAX_METRICS,
    description: 'Drafts only',
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_METRICS)
  @ValidateNested({ each: true })
  @Type(() => MetricInputDto)
  metrics?: MetricInputDto[];

  @ApiPropertyOptional({
    enum: TARGET_ROLES,
    isArray: true,
    maxItems: TARGET_ROLES.length,
    description: 'Drafts only',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(TARGET_ROLES.length)
  @ArrayUnique()
  @IsIn(TARGET_ROLES, { each: true })
  targetRoles?: TargetRole[];

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Drafts only' })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  targetPercent?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000000 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1000000)
  minimumSampleSize?: number;
}

export class TrackDto {
  @ApiProperty({ maxLength: 64, description: 'A metric the experiment declares' })
  @IsString()
  @MaxLength(64)
  metric!: string;

  @ApiPropertyOptional({
    minimum: -1e9,
    maximum: 1e9,
    default: 1,
    description: 'Conversions: 1 (any positive value converts); continuous: the number',
  })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1e9)
  @Max(1e9)
  value?: number;

  @ApiPropertyOptional({
    maxLength: 24,
    description: 'Administrators: track for this user instead of yourself',
  })
  @Optional()
  @IsObjectId('userId must be a user id')
  userId?: string;
}

export class VariantDto {
  @ApiProperty() key!: string;
  @ApiProperty() weight!: number;
  @ApiProperty({ type: String, nullable: true }) value!: string | null;
}

export class MetricDto {
  @ApiProperty() key!: string;
  @ApiProperty({ enum: METRIC_KINDS }) kind!: MetricKind;
  @ApiProperty({ enum: METRIC_AGGREGATES }) aggregate!: MetricAggregate;
}

export class ExperimentDto {
  @ApiProperty() id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [VariantDto] }) variants!: VariantDto[];
  @ApiProperty() control!: string;
  @ApiProperty({ type: [MetricDto] }) metrics!: MetricDto[];
  @ApiProperty({ enum: TARGET_ROLES, isArray: true }) targetRoles!: TargetRole[];
  @ApiProperty() targetPercent!: number;
  @ApiProperty() minimumSampleSize!: number;
  @ApiProperty({ enum: EXPERIMENT_STATUSES }) status!: ExperimentStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) stoppedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class ExperimentPageDto {
  @ApiProperty({ type: [ExperimentDto] }) items!: ExperimentDto[];
  @ApiProperty({ type: String, nullable: true }) next!: string | null;
}

export class AssignmentDto {
  @ApiProperty() experiment!: string;
  @ApiProperty({ description: 'The caller’s variant (the control outside the population)' })
  variant!: string;
  @ApiProperty({ type: String, nullable: true }) value!: string | null;
  @ApiProperty({ description: 'Whether the caller is in the experiment and counted' })
  inExperiment!: boolean;
}

export class TrackResultDto {
  @ApiProperty({
    description:
      'False for a repeated idempotency key, an event before exposure, or a stopped experiment',
  })
  recorded!: boolean;
  @ApiProperty({ type: String, nullable: true, enum: ['duplicate', 'not-exposed', 'not-running'] })
  reason!: 'duplicate' | 'not-exposed' | 'not-running' | null;
}

class IntervalDto {
  @ApiProperty() low!: number;
  @ApiProperty() high!: number;
}

class LiftDto {
  @ApiProperty({ enum: ['two-proportion-z', 'welch-t'] }) test!: 'two-proportion-z' | 'welch-t';
  @ApiProperty({ description: 'Treatment minus control' }) absolute!: number;
  @ApiProperty({ type: Number, nullable: true }) relative!: number | null;
  @ApiProperty({ type: IntervalDto, description: '95 % CI of the absolute lift' })
  interval!: IntervalDto;
  @ApiProperty() statistic!: number;
  @ApiProperty({ type: Number, nullable: true }) degreesOfFreedom!: number | null;
  @ApiProperty() pValue!: number;
  @ApiProperty({ description: 'Holm–Bonferroni over the treatments' }) adjustedPValue!: number;
}

class MetricVariantDto {
  @ApiProperty() variant!: string;
  @ApiProperty() n!: number;
  @ApiProperty({ type: Number, nullable: true }) mean!: number | null;
  @ApiProperty({ type: Number, nullable: true }) sd!: number | null;
  @ApiProperty({ type: IntervalDto, nullable: true }) interval!: IntervalDto | null;
  @ApiProperty({ type: LiftDto, nullable: true }) lift!: LiftDto | null;
}

class MetricResultDto {
  @ApiProperty() key!: string;
  @ApiProperty({ enum: METRIC_KINDS }) kind!: MetricKind;
  @ApiProperty({ enum: METRIC_AGGREGATES }) aggregate!: MetricAggregate;
  @ApiProperty({ type: [MetricVariantDto] }) variants!: MetricVariantDto[];
}

class VariantExposureDto {
  @ApiProperty() key!: string;
  @ApiProperty() weight!: number;
  @ApiProperty() control!: boolean;
  @ApiProperty() exposed!: number;
}

class SampleRatioDto {
  @ApiProperty() chiSquare!: number;
  @ApiProperty() degreesOfFreedom!: number;
  @ApiProperty() pValue!: number;
  @ApiProperty({ description: 'p < 0.001' }) mismatch!: boolean;
}

export class ResultsDto {
  @ApiProperty() experiment!: string;
  @ApiProperty({ enum: EXPERIMENT_STATUSES }) status!: ExperimentStatus;
  @ApiProperty({ type: [VariantExposureDto] }) variants!: VariantExposureDto[];
  @ApiProperty({ type: [MetricResultDto] }) metrics!: MetricResultDto[];
  @ApiProperty({ type: SampleRatioDto, nullable: true }) sampleRatio!: SampleRatioDto | null;
  @ApiProperty({ type: [String] }) warnings!: string[];
}
