import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { CLOCK_TIME } from '../preferences';
import { Optional } from '../../common/validation';

const CLOCK_TIME_MESSAGE = 'must be a 24-hour local time HH:MM';

export class PreferencesDto {
  @ApiProperty({ description: 'Review reminders on or off' })
  reviewReminders!: boolean;

  @ApiProperty({
    description: 'Local time (HH:MM) reminders and reports are sent from',
    example: '18:00',
  })
  reminderTime!: string;

  @ApiProperty({ description: 'Remind only when at least this many cards are due (1: daily)' })
  reminderMinDue!: number;

  @ApiProperty({ description: 'Weekly report on or off' })
  weeklyReports!: boolean;

  @ApiProperty({ description: 'Local weekday of the weekly report (0 Sunday … 6 Saturday)' })
  weeklyReportDay!: number;

  @ApiProperty({ description: 'Milestone emails on or off' })
  milestones!: boolean;

  @ApiProperty({ description: 'Streak emails on or off' })
  streaks!: boolean;

  @ApiProperty({ nullable: true, type: String, description: 'Start of quiet hours (HH:MM local)' })
  quietStart!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'End of quiet hours (HH:MM local)' })
  quietEnd!: string | null;

  @ApiProperty({ description: 'The IANA time zone of the profile (changed on the profile)' })
  timeZone!: string;
}

/** Changes to the preferences; omitted fields are kept, and at least one must be given. */
export class UpdatePreferencesDto {
  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  reviewReminders?: boolean;

  @ApiPropertyOptional({ maxLength: 5, example: '18:00' })
  @Optional()
  @IsString()
  @MaxLength(5)
  @Matches(CLOCK_TIME, { message: `reminderTime ${CLOCK_TIME_MESSAGE}` })
  reminderTime?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1000)
  reminderMinDue?: number;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  weeklyReports?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 6 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(6)
  weeklyReportDay?: number;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  milestones?: boolean;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  streaks?: boolean;

  @ApiPropertyOptional({
    maxLength: 5,
    nullable: true,
    type: String,
    description: 'null: no quiet hours',
  })
  @ValidateIf((_dto, value) => value !== null)
  @Optional({ nullable: true })
  @IsString()
  @MaxLength(5)
  @Matches(CLOCK_TIME, { message: `quietStart ${CLOCK_TIME_MESSAGE}` })
  quietStart?: string | null;

  @ApiPropertyOptional({
    maxLength: 5,
    nullable: true,
    type: String,
    description: 'null: no quiet hours',
  })
  @ValidateIf((_dto, value) => value !== null)
  @Optional({ nullable: true })
  @IsString()
  @MaxLength(5)
  @Matches(CLOCK_TIME, { message: `quietEnd ${CLOCK_TIME_MESSAGE}` })
  quietEnd?: string | null;
}

export const TEST_MAIL_TYPES = ['reviewReminders', 'weeklyReports'] as const;

export class TestMailDto {
  @ApiProperty({ enum: TEST_MAIL_TYPES })
  @IsIn(TEST_MAIL_TYPES)
  type!: (typeof TEST_MAIL_TYPES)[number];
}

export class UnsubscribeQuery {
  @ApiProperty({ maxLength: 200, description: 'The signed token from the email' })
  @IsString()
  @MaxLength(200)
  token!: string;
}

export class UnsubscribedDto {
  @ApiProperty({ description: 'The type that is now off' })
  type!: string;
}
