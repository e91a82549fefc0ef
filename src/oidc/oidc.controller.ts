import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiSignInResponse, SignInResultDto } from '../auth/dto/auth.dto';
import { Authenticated, CurrentUser, Public } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { ParseObjectIdPipe } from '../common/validation/object-id.pipe';
import { AppConfig } from '../config';
import {
  AuthorizationUrlDto,
  ConfirmLinkDto,
  IdentityDto,
  ProviderDto,
  RegisterProviderDto,
} from './dto/oidc.dto';
import { OidcService } from './oidc.service';

const PROVIDER = 'provider';

/** The browser's side of a sign-in with a provider: redirects both ways. */
@ApiTags('auth')
@Public()
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly config: AppConfig,
  ) {}

  @Get(':provider/start')
  @ApiOperation({ summary: 'Start signing in with a provider (redirects to it)' })
  @ApiFoundResponse({ description: 'To the provider’s authorization page' })
  @ApiNotFoundResponse({ description: 'Unknown provider' })
  async start(@Param(PROVIDER) provider: string, @Res() reply: FastifyReply): Promise<void> {
    reply
      .status(302)
      .header('location', await this.oidc.start(provider))
      .send();
  }

  @Get(':provider/callback')
  @ApiOperation({
    summary: 'Where the provider sends the browser back',
    description:
      'Redirects to APP_URL/auth/callback with `code` (exchange it at POST /auth/exchange), `link` (confirm with the password at POST /auth/oidc/link), `linked`, or `error`.',
  })
  @ApiFoundResponse({ description: 'To the app' })
  async callback(
    @Param(PROVIDER) provider: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const url = new URL(request.url, this.config.http.publicUrl);
    reply
      .status(302)
      .header('location', await this.oidc.callback(provider, url))
      .send();
  }

  @Post('link')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Link a provider account to your existing account, proven by its password',
  })
  @ApiSignInResponse()
  @ApiUnauthorizedResponse({ description: 'Unknown or expired code, or wrong password' })
  confirmLink(@Body() body: ConfirmLinkDto): Promise<SignInResultDto> {
    return this.oidc.confirmLink(body.code, body.password);
  }
}

/** A signed-in user's linked providers. */
@ApiTags('auth')
@Authenticated()
@Controller('api/auth/identities')
export class IdentitiesController {
  constructor(private readonly oidc: OidcService) {}

  @Get()
  @ApiOperation({ summary: 'Providers linked to your account' })
  @ApiOkResponse({ type: [IdentityDto] })
  list(@CurrentUser() user: AuthUser): Promise<IdentityDto[]> {
    return this.oidc.identities(user.id);
  }

  @Post(':provider/link')
  @ApiOperation({ summary: 'Start linking a provider to your account (send the browser to `url`)' })
  @ApiCreatedResponse({ type: AuthorizationUrlDto })
  @ApiNotFoundResponse()
  async link(
    @CurrentUser() user: AuthUser,
    @Param(PROVIDER) provider: string,
  ): Promise<AuthorizationUrlDto> {
    return { url: await this.oidc.start(provider, user.id) };
  }

  @Delete(':provider')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unlink a provider (not your last way to sign in)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'It is your only way to sign in' })
  async unlink(@CurrentUser() user: AuthUser, @Param(PROVIDER) provider: string): Promise<void> {
    await this.oidc.unlink(user.id, provider);
  }
}

@ApiTags('auth')
@Authenticated({ roles: ['admin'] })
@Controller('api/admin/oidc/providers')
export class OidcProvidersController {
  constructor(private readonly oidc: OidcService) {}

  @Post()
  @ApiOperation({ summary: 'Register an OpenID Connect provider' })
  @ApiCreatedResponse({ type: ProviderDto })
  @ApiConflictResponse({ description: 'The name is taken' })
  register(@Body() body: RegisterProviderDto): Promise<ProviderDto> {
    return this.oidc.registerProvider(body);
  }

  @Get()
  @ApiOkResponse({ type: [ProviderDto] })
  list(): Promise<ProviderDto[]> {
    return this.oidc.listProviders();
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async remove(@Param('id', ParseObjectIdPipe) id: string): Promise<void> {
    await this.oidc.removeProvider(id);
  }
}
