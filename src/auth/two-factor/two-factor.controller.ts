import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public } from '../../common/decorators';
import type { AuthUser } from '../../common/decorators';
import { StrictRateLimit } from '../../infra/throttling/throttling.module';
import { AuthService } from '../auth.service';
import { SessionDto } from '../dto/auth.dto';
import {
  BackupCodesDto,
  TwoFactorCodeDto,
  TwoFactorSetupDto,
  TwoFactorStatusDto,
  VerifyChallengeDto,
} from './dto/two-factor.dto';
import { TwoFactorService } from './two-factor.service';

@ApiTags('security')
@ApiBadRequestResponse({ description: 'Invalid body' })
@Controller('api/security/2fa')
export class TwoFactorController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly auth: AuthService,
  ) {}

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'Whether 2FA is on, and how many backup codes are left' })
  @ApiOkResponse({ type: TwoFactorStatusDto })
  status(@CurrentUser() user: AuthUser): Promise<TwoFactorStatusDto> {
    return this.twoFactor.status(user.id);
  }

  @Authenticated()
  @Post('setup')
  @ApiOperation({
    summary: 'Create a TOTP secret: an otpauth:// URI and its QR code (2FA stays off until enabled)',
  })
  @ApiCreatedResponse({ type: TwoFactorSetupDto })
  @ApiConflictResponse({ description: '2FA is already on' })
  setup(@CurrentUser() user: AuthUser): Promise<TwoFactorSetupDto> {
    return this.twoFactor.setup(user.id);
  }

  @Authenticated()
  @Post('enable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Turn 2FA on with a code from the app; returns 10 backup codes, shown once',
    description: 'Signs out every access token (sign in again, with a code).',
  })
  @ApiOkResponse({ type: BackupCodesDto })
  enable(@CurrentUser() user: AuthUser, @Body() body: TwoFactorCodeDto): Promise<BackupCodesDto> {
    return this.twoFactor.enable(user.id, body.code);
  }

  @Authenticated({ stepUp: true })
  @Post('disable')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn 2FA off (needs a recent second factor)' })
  @ApiNoContentResponse()
  disable(@CurrentUser() user: AuthUser): Promise<void> {
    return this.twoFactor.disable(user.id);
  }

  @Authenticated({ stepUp: true })
  @Post('backup-codes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the backup codes with 10 new ones (needs a recent second factor)' })
  @ApiOkResponse({ type: BackupCodesDto })
  regenerate(@CurrentUser() user: AuthUser): Promise<BackupCodesDto> {
    return this.twoFactor.regenerateBackupCodes(user.id);
  }

  @Public()
  @StrictRateLimit()
  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Second sign-in step: the challenge and a TOTP or backup code give the tokens',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired or used challenge, or a wrong code' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes for this account' })
  verify(@Body() body: VerifyChallengeDto): Promise<SessionDto> {
    return this.auth.verifyChallenge(body.challenge, body.code);
  }
}
