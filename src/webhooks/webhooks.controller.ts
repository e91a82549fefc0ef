import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { PageQuery } from '../common/pagination';
import { ParseObjectIdPipe } from '../common/validation/object-id.pipe';
import {
  CreatedEndpointDto,
  CreateEndpointDto,
  DeliveryDto,
  DeliveryPageDto,
  EndpointDto,
  EndpointPageDto,
  SubscribeHookDto,
  UpdateEndpointDto,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBadRequestResponse({ description: 'Invalid body, or a URL webhooks may not target' })
@Authenticated({ scopes: ['webhooks:write'] })
@Controller('api/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('endpoints')
  @ApiOperation({
    summary: 'Register an endpoint for events (Standard Webhooks signatures)',
    description:
      'Events are POSTed as JSON with `webhook-id`, `webhook-timestamp` and `webhook-signature` headers; the secret is shown once.',
  })
  @ApiCreatedResponse({ type: CreatedEndpointDto })
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateEndpointDto,
  ): Promise<CreatedEndpointDto> {
    return this.webhooks.create(user, body);
  }

  @Get('endpoints')
  @ApiOperation({ summary: 'Your endpoints' })
  @ApiOkResponse({ type: EndpointPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<EndpointPageDto> {
    return this.webhooks.list(user.id, query.limit, query.cursor);
  }

  @Get('endpoints/:id')
  @ApiOkResponse({ type: EndpointDto })
  @ApiNotFoundResponse()
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<EndpointDto> {
    return this.webhooks.get(user.id, id);
  }

  @Patch('endpoints/:id')
  @ApiOperation({ summary: 'Change an endpoint, or enable it again after it was disabled' })
  @ApiOkResponse({ type: EndpointDto })
  @ApiNotFoundResponse()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: UpdateEndpointDto,
  ): Promise<EndpointDto> {
    return this.webhooks.update(user.id, id, body);
  }

  @Delete('endpoints/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<void> {
    await this.webhooks.remove(user.id, id);
  }

  @Get('endpoints/:id/deliveries')
  @ApiOperation({ summary: 'The endpoint’s delivery log, newest first' })
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiNotFoundResponse()
  deliveries(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<DeliveryPageDto> {
    return this.webhooks.deliveries(user.id, id, query.limit, query.cursor);
  }

  @Post('deliveries/:id/resend')
  @ApiOperation({ summary: 'Send a delivery again (same webhook-id)' })
  @ApiCreatedResponse({ type: DeliveryDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The endpoint is disabled' })
  resend(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<DeliveryDto> {
    return this.webhooks.resend(user.id, id);
  }
}

/** REST hooks, the subscribe/unsubscribe protocol automation tools speak. */
@ApiTags('webhooks')
@Authenticated()
@Controller('api/integrations/hooks')
export class RestHooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a target URL to one event' })
  @ApiCreatedResponse({ type: CreatedEndpointDto })
  subscribe(
    @CurrentUser() user: AuthUser,
    @Body() body: SubscribeHookDto,
  ): Promise<CreatedEndpointDto> {
    return this.webhooks.create(user, { url: body.target_url, events: [body.event] }, 'rest-hook');
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unsubscribe' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async unsubscribe(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<void> {
    await this.webhooks.remove(user.id, id);
  }
}
