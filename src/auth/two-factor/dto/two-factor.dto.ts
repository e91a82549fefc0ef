import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches, MaxLength } from 'class-validator';

/** A 6-digit TOTP code or a backup code (xxxx-xxxx-xx). */
const CODE_FORMAT = /^(\d{6}|[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2})$/;

export class TwoFactorCodeDto {
  @ApiProperty({
    maxLength: 64,
    description: 'A 6-digit code from the authenticator app',
    example: '123456',
  })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  @MaxLength(64)
  code!: string;
}

export class VerifyChallengeDto {
  @ApiProperty({ description: 'The challenge from the password step', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  challenge!: string;

  @ApiProperty({
    description: 'A 6-digit TOTP code, or one of the backup codes',
    maxLength: 12,
    example: '123456',
  })
  @IsString()
  @Matches(CODE_FORMAT, { message: 'code must be a 6-digit code or a backup code' })
  code!: string;
}

export class TwoFactorSetupDto {
  @ApiProperty({ description: 'otpauth:// URI holding the secret (SHA-1, 6 digits, 30 s)' })
  otpauthUri!: string;

  @ApiProperty({ description: 'The same URI as a QR code, a PNG data URL' })
  qrCode!: string;
}

export class BackupCodesDto {
  @ApiProperty({
    type: [String],
    maxItems: 10,
    description: 'Ten single-use codes, shown only now; each replaces a TOTP code once',
  })
  backupCodes!: string[];
}

export class TwoFactorStatusDto {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ description: 'Backup codes not yet used', maximum: 10 })
  backupCodesLeft!: number;
}
