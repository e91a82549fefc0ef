import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentUser, Public } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { NotFoundError } from '../common/errors';
import { CalendarFeedsService } from './calendar-feeds.service';

class FeedCreatedDto {
  @ApiProperty({ description: 'Subscribe to this URL in a calendar app; it is shown only now' })
  url!: string;

  @ApiProperty()
  createdAt!: Date;
}

class FeedStatusDto {
  @ApiProperty()
  active!: boolean;

  @ApiPropertyOptional({ nullable: true, type: Date })
  createdAt!: Date | null;
}

@ApiTags('study-plans')
@Authenticated()
@Controller('api/study-plans/calendar-feed')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a calendar subscription URL (replaces the previous one)',
    description:
      'A secret URL calendar apps can poll without signing in: your plans’ sessions and the days with reviews due.',
  })
  @ApiCreatedResponse({ type: FeedCreatedDto })
  create(@CurrentUser() user: AuthUser): Promise<FeedCreatedDto> {
    return this.feeds.create(user.id);
  }

  @Get()
  @ApiOperation({ summary: 'Whether you have a calendar subscription URL' })
  @ApiOkResponse({ type: FeedStatusDto })
  status(@CurrentUser() user: AuthUser): Promise<FeedStatusDto> {
    return this.feeds.status(user.id);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke your calendar subscription URL' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async revoke(@CurrentUser() user: AuthUser): Promise<void> {
    await this.feeds.revoke(user.id);
  }
}

/** The subscribed feed itself: the secret in the path is the only credential. */
@ApiTags('study-plans')
@Controller('calendar')
export class CalendarFeedFileController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Get(':file')
  @Public()
  @ApiOperation({ summary: 'A calendar subscription (RFC 5545), by its secret URL' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'VCALENDAR', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'Unknown or revoked' })
  async file(
    @Param('file') file: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | void> {
    if (!file.endsWith('.ics')) throw new NotFoundError('Calendar feed');
    const feed = await this.feeds.render(file.slice(0, -'.ics'.length));
    reply
      .header('cache-control', 'private, max-age=900')
      .header('etag', feed.etag)
      .header('last-modified', feed.lastModified.toUTCString());
    if (ifNoneMatch === feed.etag) {
      reply.status(304);
      return;
    }
    reply.header('content-type', 'text/calendar; charset=utf-8');
    return feed.body;
  }
}
