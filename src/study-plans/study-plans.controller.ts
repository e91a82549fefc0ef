import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { InvalidInputError } from '../common/errors';
import { PageQuery } from '../common/pagination';
import { ParseObjectIdPipe } from '../common/validation';
import {
  GeneratePlanDto,
  NextSessionDto,
  PlanProgressDto,
  StudyPlanDto,
  StudyPlanPageDto,
} from './dto/study-plan.dto';
import { StudyPlansService } from './study-plans.service';

const sessionNumber = new ParseIntPipe({
  exceptionFactory: () => new InvalidInputError('The session number must be a whole number'),
});

@ApiTags('study-plans')
@ApiBadRequestResponse({ description: 'Invalid id or body' })
@Authenticated()
@Controller('api/study-plans')
export class StudyPlansController {
  constructor(private readonly plans: StudyPlansService) {}

  @Post('generate')
  @ApiOperation({
    summary: 'Plan practice, reviews and tests up to a deadline',
    description:
      'Time goes to topics by weakness (1 − mastery × recall), reviews when cards fall due, tests last; sessions have your typical length and never pass the deadline.',
  })
  @ApiCreatedResponse({ type: StudyPlanDto })
  @ApiNotFoundResponse({ description: 'A document without questions of yours' })
  generate(@CurrentUser() user: AuthUser, @Body() body: GeneratePlanDto): Promise<StudyPlanDto> {
    return this.plans.generate(user.id, body);
  }

  @Get()
  @ApiOperation({ summary: 'Your study plans' })
  @ApiOkResponse({ type: StudyPlanPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<StudyPlanPageDto> {
    return this.plans.list(user.id, query.limit, query.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A study plan with its sessions' })
  @ApiOkResponse({ type: StudyPlanDto })
  @ApiNotFoundResponse()
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<StudyPlanDto> {
    return this.plans.get(user.id, id);
  }

  @Get(':id/next-session')
  @ApiOperation({ summary: 'The session to do now or next (replans missed sessions first)' })
  @ApiOkResponse({ type: NextSessionDto })
  @ApiNotFoundResponse()
  nextSession(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<NextSessionDto> {
    return this.plans.nextSession(user.id, id);
  }

  @Post(':id/complete-session/:n')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a session done (again: no change); answers the progress' })
  @ApiOkResponse({ type: PlanProgressDto })
  @ApiNotFoundResponse({ description: 'No such plan of yours, or no such session in it' })
  completeSession(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('n', sessionNumber) n: number,
  ): Promise<PlanProgressDto> {
    return this.plans.completeSession(user.id, id, n);
  }

  @Get(':id/progress')
  @ApiOperation({
    summary: 'Completion, pace against the plan, projected readiness at the deadline',
    description: 'A plan found behind (missed sessions) is replanned on the spot: see `replanned`.',
  })
  @ApiOkResponse({ type: PlanProgressDto })
  @ApiNotFoundResponse()
  progress(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<PlanProgressDto> {
    return this.plans.progress(user.id, id);
  }

  @Post(':id/replan')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lay the remaining work out again from now' })
  @ApiOkResponse({ type: StudyPlanDto })
  @ApiNotFoundResponse()
  replan(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<StudyPlanDto> {
    return this.plans.replan(user.id, id);
  }

  @Get(':id/calendar.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'inline; filename="study-plan.ics"')
  @ApiOperation({ summary: 'The plan’s sessions as an iCalendar feed (RFC 5545)' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: 'VCALENDAR with one VEVENT per session',
    schema: { type: 'string' },
  })
  @ApiNotFoundResponse()
  calendar(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<string> {
    return this.plans.calendar(user.id, id);
  }
}
