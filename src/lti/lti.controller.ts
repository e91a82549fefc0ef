import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
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
import type { FastifyReply } from 'fastify';
import { Authenticated, Public } from '../common/decorators';
import { PageQuery } from '../common/pagination';
import { ParseObjectIdPipe } from '../common/validation/object-id.pipe';
import {
  LaunchDto,
  LoginInitiationDto,
  PlatformDto,
  PlatformPageDto,
  RegisterPlatformDto,
} from './dto/lti.dto';
import { LtiService } from './lti.service';

const found = (reply: FastifyReply, url: string) =>
  reply.status(302).header('location', url).send();

/** The tool's LTI 1.3 endpoints, called by platforms (and the browser they redirect). */
@ApiTags('lti')
@Public()
@Controller('lti')
export class LtiController {
  constructor(private readonly lti: LtiService) {}

  @Get('login')
  @ApiOperation({ summary: 'OIDC third-party login initiation (GET)' })
  @ApiFoundResponse({ description: 'Redirect to the platform’s authentication endpoint' })
  @ApiNotFoundResponse({ description: 'Unknown platform' })
  async loginByQuery(
    @Query() query: LoginInitiationDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    found(reply, await this.lti.login(query));
  }

  @Post('login')
  @ApiOperation({ summary: 'OIDC third-party login initiation (form post)' })
  @ApiFoundResponse({ description: 'Redirect to the platform’s authentication endpoint' })
  async loginByForm(@Body() body: LoginInitiationDto, @Res() reply: FastifyReply): Promise<void> {
    found(reply, await this.lti.login(body));
  }

  @Post('launch')
  @ApiOperation({ summary: 'Resource-link launch (the platform’s form post of the id_token)' })
  @ApiFoundResponse({ description: 'Redirect to the app with a one-time sign-in code' })
  @ApiUnauthorizedResponse({ description: 'Invalid token, state, nonce or deployment' })
  async launch(@Body() body: LaunchDto, @Res() reply: FastifyReply): Promise<void> {
    found(reply, await this.lti.launch(body.id_token, body.state));
  }

  @Get('jwks')
  @ApiOperation({ summary: 'The tool’s public keys (JWKS)' })
  @ApiOkResponse({ schema: { type: 'object' } })
  jwks() {
    return this.lti.jwks();
  }
}

@ApiTags('lti')
@Authenticated({ roles: ['admin'] })
@Controller('api/admin/lti/platforms')
export class LtiPlatformsController {
  constructor(private readonly lti: LtiService) {}

  @Post()
  @ApiOperation({ summary: 'Register an LMS that may launch this tool' })
  @ApiCreatedResponse({ type: PlatformDto })
  @ApiConflictResponse({ description: 'The issuer and client id are registered already' })
  register(@Body() body: RegisterPlatformDto): Promise<PlatformDto> {
    return this.lti.registerPlatform(body);
  }

  @Get()
  @ApiOkResponse({ type: PlatformPageDto })
  list(@Query() query: PageQuery): Promise<PlatformPageDto> {
    return this.lti.listPlatforms(query.limit, query.cursor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async remove(@Param('id', ParseObjectIdPipe) id: string): Promise<void> {
    await this.lti.removePlatform(id);
  }
}
