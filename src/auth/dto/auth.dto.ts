import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  getSchemaPath,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, Length, MaxLength, MinLength, Validate } from 'class-validator';
import type { Role } from '../../common/decorators';
import { IsTimeZone, UserDto } from '../../users/dto/user.dto';
import { Optional } from '../../common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const SELF_SERVICE_ROLES: Role[] = ['student', 'teacher'];

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.org', maxLength: 254 })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: 128, example: 'correct horse battery staple' })
  @IsString()
  @Length(8, 128)
  password!: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Ada Lovelace' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({
    enum: SELF_SERVICE_ROLES,
    default: 'student',
    description: 'Admins are never self-registered',
  })
  @Optional()
  @IsIn(SELF_SERVICE_ROLES)
  role?: Role;

  @ApiPropertyOptional({ maxLength: 64, example: 'Europe/London', default: 'UTC' })
  @Optional()
  @Validate(IsTimeZone)
  @MaxLength(64)
  timezone?: string;
}

export class LoginDto {
  @ApiProperty({ maxLength: 254, example: 'ada@example.org' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ maxLength: 128, example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password!: string;
}

export class RefreshTokenDto {
  @ApiProperty({
    maxLength: 200,
    description: 'The refresh token from the last sign-in or refresh',
  })
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ maxLength: 128 })
  @IsString()
  @MaxLength(128)
  currentPassword!: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @Length(8, 128)
  newPassword!: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer <token>`' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque, single-use token for POST /auth/refresh' })
  refreshToken!: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Access token lifetime in seconds', example: 900 })
  expiresIn!: number;
}

export class SessionDto extends TokenPairDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;
}

export class MfaChallengeDto {
  @ApiProperty({ enum: [true], description: 'The password step passed; a second factor is needed' })
  mfaRequired!: true;

  @ApiProperty({
    description: 'Send it with a code to POST /api/security/2fa/verify within five minutes',
  })
  challenge!: string;
}

/** What every sign-in path answers: tokens, or a 2FA challenge when the account has 2FA on. */
export type SignInResultDto = SessionDto | MfaChallengeDto;

export const ApiSignInResponse = (description = 'Tokens, or a challenge when 2FA is on') =>
  applyDecorators(
    ApiExtraModels(SessionDto, MfaChallengeDto),
    ApiOkResponse({
      description,
      schema: {
        oneOf: [{ $ref: getSchemaPath(SessionDto) }, { $ref: getSchemaPath(MfaChallengeDto) }],
      },
    }),
  );
