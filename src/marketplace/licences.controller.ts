import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
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
import { ParseObjectIdPipe } from '../common/validation/object-id.pipe';
import {
  AssignSeatDto,
  EarningsQuery,
  LicenceDto,
  LicencePageDto,
  LicencesQuery,
  MonthlyEarningsDto,
  SeatDto,
} from './dto/licence.dto';
import { EarningsService } from './earnings.service';
import { LicencesService } from './licences.service';

@ApiTags('marketplace')
@Authenticated()
@Controller('api/marketplace')
export class LicencesController {
  constructor(
    private readonly licences: LicencesService,
    private readonly earnings: EarningsService,
  ) {}

  @Get('licences')
  @ApiOperation({ summary: 'Your licences, or the classroom seats given to you' })
  @ApiOkResponse({ type: LicencePageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: LicencesQuery): Promise<LicencePageDto> {
    return this.licences.list(user.id, query.as, query.limit, query.cursor);
  }

  @Get('licences/:id')
  @ApiOperation({ summary: 'One of your licences' })
  @ApiOkResponse({ type: LicenceDto })
  @ApiNotFoundResponse()
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<LicenceDto> {
    return this.licences.get(user.id, id);
  }

  @Get('licences/:id/seats')
  @ApiOperation({ summary: 'The seats of your classroom licence' })
  @ApiOkResponse({ type: [SeatDto] })
  @ApiNotFoundResponse()
  seats(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<SeatDto[]> {
    return this.licences.seats(user.id, id);
  }

  @Post('licences/:id/seats')
  @ApiOperation({ summary: 'Give a student a seat: they may read and practise on the content' })
  @ApiCreatedResponse({ type: SeatDto })
  @ApiNotFoundResponse({ description: 'No such licence of yours, or no user with that email' })
  @ApiConflictResponse({ description: 'Every seat is taken, or the licence was revoked' })
  assignSeat(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: AssignSeatDto,
  ): Promise<SeatDto> {
    return this.licences.assignSeat(user.id, id, body.email);
  }

  @Delete('licences/:id/seats/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take a seat back' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async releaseSeat(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('userId', ParseObjectIdPipe) userId: string,
  ): Promise<void> {
    await this.licences.releaseSeat(user.id, id, userId);
  }

  @Get('earnings')
  @Authenticated({ roles: ['teacher', 'admin'] })
  @ApiOperation({ summary: 'Your sales, refunds, fees and earnings per month (minor units)' })
  @ApiOkResponse({ type: [MonthlyEarningsDto] })
  statement(
    @CurrentUser() user: AuthUser,
    @Query() query: EarningsQuery,
  ): Promise<MonthlyEarningsDto[]> {
    return this.earnings.statement(user.id, query.from, query.to);
  }
}
