import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/decorators';
import type { AuthUser } from '../../common/decorators';
import { ParseObjectIdPipe } from '../../common/validation';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

@ApiTags('security')
@Controller('api/security/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Authenticated({ stepUp: true })
  @Post()
  @ApiOperation({
    summary: 'Create a scoped API key; the key is shown only in this answer',
    description:
      'Scopes: documents:read, reviews:read, analytics:read, webhooks:write. At most 10 keys per user.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiConflictResponse({ description: 'The user already has the maximum number of keys' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(user.id, body);
  }

  @Authenticated()
  @Get()
  @ApiOperation({ summary: 'The caller’s keys: prefix, scopes, created, last used, expiry' })
  @ApiOkResponse({ type: [ApiKeyDto] })
  list(@CurrentUser() user: AuthUser): Promise<ApiKeyDto[]> {
    return this.keys.list(user.id);
  }

  @Authenticated()
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key (refused from its next request on)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  revoke(@CurrentUser() user: AuthUser, @Param('id', ParseObjectIdPipe) id: string): Promise<void> {
    return this.keys.revoke(user.id, id);
  }
}
