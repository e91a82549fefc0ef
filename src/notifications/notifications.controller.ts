import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import {
  PreferencesDto,
  TestMailDto,
  UnsubscribedDto,
  UnsubscribeQuery,
  UpdatePreferencesDto,
} from './dto/preferences.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('preferences')
  @Authenticated()
  @ApiOperation({ summary: 'Your email preferences (defaults until you change one)' })
  @ApiOkResponse({ type: PreferencesDto })
  get(@CurrentUser() user: AuthUser): Promise<PreferencesDto> {
    return this.notifications.preferencesOf(user.id);
  }

  @Put('preferences')
  @Authenticated()
  @ApiOperation({ summary: 'Change email preferences; omitted fields are kept' })
  @ApiOkResponse({ type: PreferencesDto })
  @ApiBadRequestResponse({ description: 'Invalid value, or nothing to change' })
  update(
    @CurrentUser() user: AuthUser,
    @Body() body: UpdatePreferencesDto,
  ): Promise<PreferencesDto> {
    return this.notifications.updatePreferences(user.id, body);
  }

  @Post('test')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Email yourself a sample of one type now' })
  @ApiNoContentResponse()
  @ApiTooManyRequestsResponse({ description: 'More than one per type per minute' })
  async test(@CurrentUser() user: AuthUser, @Body() body: TestMailDto): Promise<void> {
    await this.notifications.sendTest(user.id, body.type);
  }

  @Post('unsubscribe')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'One-click unsubscribe (RFC 8058): turns the link’s email type off, no sign-in',
  })
  @ApiOkResponse({ type: UnsubscribedDto })
  @ApiBadRequestResponse({ description: 'Invalid or expired link' })
  unsubscribe(@Query() query: UnsubscribeQuery): Promise<UnsubscribedDto> {
    return this.notifications.unsubscribe(query.token);
  }

  @Get('unsubscribe')
  @Public()
  @ApiOperation({ summary: 'The same as POST, for a link opened in a browser' })
  @ApiOkResponse({ type: UnsubscribedDto })
  unsubscribeLink(@Query() query: UnsubscribeQuery): Promise<UnsubscribedDto> {
    return this.notifications.unsubscribe(query.token);
  }
}
