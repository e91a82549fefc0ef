import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { ParseObjectIdPipe } from '../common/validation';
import {
  BatchReceiptDto,
  EventBatchDto,
  HeatmapDto,
  ReplayPageDto,
  ReplayQuery,
  TimelineDto,
} from './dto/events.dto';
import { BATCHES_PER_WINDOW } from './event-rate-limiter';
import { MAX_BATCH_EVENTS } from './event-rules';
import { RecordingService } from './recording.service';

@ApiTags('recording')
@Authenticated()
@ApiBadRequestResponse({ description: 'Invalid body, query or id' })
@ApiNotFoundResponse({ description: 'No such session, or not yours' })
@Controller('api/sessions')
export class RecordingController {
  constructor(private readonly recording: RecordingService) {}

  @Post(':id/events')
  @ApiOperation({
    summary: 'Record a batch of interaction events',
    description:
      `Up to ${MAX_BATCH_EVENTS} events per batch and ${BATCHES_PER_WINDOW} batches per minute per session. ` +
      'Timestamps must fall within the session (±5 minutes of clock skew); a batch is checked as a whole ' +
      'and stored whole or not at all. Sending the same batchId again stores nothing new.',
  })
  @ApiCreatedResponse({ type: BatchReceiptDto })
  @ApiConflictResponse({ description: 'The session is finished or expired' })
  @ApiPayloadTooLargeResponse({ description: `More than ${MAX_BATCH_EVENTS} events` })
  @ApiTooManyRequestsResponse({ description: 'Too many batches for this session this minute' })
  record(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: EventBatchDto,
  ): Promise<BatchReceiptDto> {
    return this.recording.record(user.id, id, body);
  }

  @Get(':id/replay')
  @ApiOperation({ summary: 'The recorded events in client-time order, page by page' })
  @ApiOkResponse({ type: ReplayPageDto })
  replay(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Query() query: ReplayQuery,
  ): Promise<ReplayPageDto> {
    return this.recording.replay(user.id, id, query.limit, query.cursor);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'How each answer changed over time, and when it was submitted' })
  @ApiOkResponse({ type: TimelineDto })
  timeline(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<TimelineDto> {
    return this.recording.timeline(user.id, id);
  }

  @Get(':id/heatmap')
  @ApiOperation({ summary: 'Click and mouse-position density per question area' })
  @ApiOkResponse({ type: HeatmapDto })
  heatmap(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<HeatmapDto> {
    return this.recording.heatmap(user.id, id);
  }
}
