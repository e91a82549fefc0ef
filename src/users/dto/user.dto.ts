import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsString,
  Length,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  MaxLength,
} from 'class-validator';
import { Page, PageQuery } from '../../common/pagination';
import { ROLES } from '../../common/decorators';
import type { Role } from '../../common/decorators';
import { Optional } from '../../common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@ValidatorConstraint({ name: 'timezone' })
export class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || value.length > 64) return false;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'timezone must be an IANA time zone such as "Europe/Paris"';
  }
}

/** A user as the API shows it; never includes the password hash. */
export class UserDto {
  @ApiProperty({ example: '665f1c2e9b1d8c0012345678' })
  id!: string;

  @ApiProperty({ example: 'ada@example.org' })
  email!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  name!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ example: 'Europe/London' })
  timezone!: string;

  @ApiProperty()
  createdAt!: Date;
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'Ada Lovelace' })
  @Optional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ maxLength: 64, description: 'IANA time zone', example: 'Europe/London' })
  @Optional()
  @Validate(IsTimeZone)
  @MaxLength(64)
  timezone?: string;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES, description: 'Only users with this role' })
  @Optional()
  @IsIn(ROLES)
  role?: Role;
}

export class UserPageDto extends Page<UserDto> {
  @ApiProperty({ type: [UserDto] })
  declare items: UserDto[];
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;
}
