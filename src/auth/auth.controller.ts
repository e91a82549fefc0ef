import { Body, Controller, Get, HttpCode, Ip, Patch, Post } from '@nestjs/common';
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
import { Authenticated, CurrentUser, Public } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { StrictRateLimit } from '../infra/throttling/throttling.module';
import { UpdateProfileDto, UserDto } from '../users/dto/user.dto';
import { AuthService } from './auth.service';
import {
  ChangePasswordDto,
  LoginDto,
  RefreshTokenDto,
  RegisterDto,
  SessionDto,
  SignInResultDto,
  TokenPairDto,
  ApiSignInResponse,
} from './dto/auth.dto';

@ApiTags('auth')
@ApiBadRequestResponse({
  description: 'Invalid body (wrong types, unknown fields, malformed JSON)',
})
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @StrictRateLimit()
  @Post('register')
  @ApiOperation({ summary: 'Create an account (student or teacher) and sign in' })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiConflictResponse({ description: 'The email is already registered (case-insensitively)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address' })
  register(@Body() body: RegisterDto): Promise<SessionDto> {
    return this.auth.register(body);
  }

  @Public()
  @StrictRateLimit()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'With 2FA on, answers `{ mfaRequired: true, challenge }`: finish at POST /api/security/2fa/verify.',
  })
  @ApiSignInResponse()
  @ApiUnauthorizedResponse({ description: 'Invalid email or password (never says which)' })
  @ApiTooManyRequestsResponse({
    description: 'Too many attempts from this address, or too many failures for this account',
  })
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<SignInResultDto> {
    return this.auth.login(body, ip);
  }

  @Public()
  @StrictRateLimit()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair',
    description:
      'Each refresh token works once. Presenting a spent token revokes every token of that sign-in.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'Invalid, expired, revoked or reused refresh token' })
  refresh(@Body() body: RefreshTokenDto): Promise<TokenPairDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Authenticated()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out this sign-in: revokes the refresh token and its rotations' })
  @ApiNoContentResponse()
  logout(@CurrentUser() user: AuthUser, @Body() body: RefreshTokenDto): Promise<void> {
    return this.auth.logout(user.id, body.refreshToken);
  }

  @Authenticated()
  @Post('logout-all')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out everywhere: every refresh token and access token of the account stops working',
  })
  @ApiNoContentResponse()
  logoutEverywhere(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logoutEverywhere(user.id);
  }

  @Authenticated()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.auth.me(user.id);
  }

  @Authenticated()
  @Patch('me')
  @ApiOperation({ summary: 'Update the profile (name, time zone)' })
  @ApiOkResponse({ type: UserDto })
  updateProfile(@CurrentUser() user: AuthUser, @Body() body: UpdateProfileDto): Promise<UserDto> {
    return this.auth.updateProfile(user.id, body);
  }

  @Authenticated({ stepUp: true })
  @Post('change-password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the password; signs out all refresh tokens' })
  @ApiNoContentResponse()
  changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(user.id, body);
  }
}
