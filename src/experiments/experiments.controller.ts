import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { InvalidInputError } from '../common/errors';
import { PageQuery } from '../common/pagination';
import { IdempotencyKey, isObjectIdHex } from '../common/validation';
import {
  AssignmentDto,
  CreateExperimentDto,
  ExperimentDto,
  ExperimentPageDto,
  KEY_PATTERN,
  ResultsDto,
  TrackDto,
  TrackResultDto,
  UpdateExperimentDto,
} from './dto/experiment.dto';
import { ExperimentsService } from './experiments.service';

/** An experiment's id or key from the path, or a 400. */
function idOrKey(value: string): string {
  if (isObjectIdHex(value) || KEY_PATTERN.test(value)) return value;
  throw new InvalidInputError('The experiment must be named by its id or key');
}

const ID_OR_KEY = { name: 'id', description: 'The experiment’s id or key' };

@ApiTags('experiments')
@ApiBadRequestResponse({ description: 'Invalid body or experiment reference' })
@Controller('api/experiments')
export class ExperimentsController {
  constructor(private readonly experiments: ExperimentsService) {}

  @Post()
  @Authenticated({ roles: ['admin'] })
  @ApiOperation({ summary: 'Create an experiment (draft)' })
  @ApiCreatedResponse({ type: ExperimentDto })
  @ApiConflictResponse({ description: 'The key is taken' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateExperimentDto): Promise<ExperimentDto> {
    return this.experiments.create(user.id, body);
  }

  @Get()
  @Authenticated({ roles: ['admin'] })
  @ApiOkResponse({ type: ExperimentPageDto })
  list(@Query() query: PageQuery): Promise<ExperimentPageDto> {
    return this.experiments.list(query.limit, query.cursor);
  }

  @Get(':id')
  @Authenticated({ roles: ['admin'] })
  @ApiParam(ID_OR_KEY)
  @ApiOkResponse({ type: ExperimentDto })
  @ApiNotFoundResponse()
  get(@Param('id') id: string): Promise<ExperimentDto> {
    return this.experiments.get(idOrKey(id));
  }

  @Patch(':id')
  @Authenticated({ roles: ['admin'] })
  @ApiOperation({
    summary: 'Change an experiment or its status (draft → running → stopped)',
    description: 'Variants, weights, metrics and the population are frozen once it runs.',
  })
  @ApiParam(ID_OR_KEY)
  @ApiOkResponse({ type: ExperimentDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Frozen design or a backwards status change' })
  update(@Param('id') id: string, @Body() body: UpdateExperimentDto): Promise<ExperimentDto> {
    return this.experiments.update(idOrKey(id), body);
  }

  @Get(':id/variant')
  @Authenticated()
  @ApiOperation({
    summary: 'Your variant (sticky); the first call in the population logs your exposure',
  })
  @ApiParam(ID_OR_KEY)
  @ApiOkResponse({ type: AssignmentDto })
  @ApiNotFoundResponse()
  variant(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<AssignmentDto> {
    return this.experiments.assignment(user, idOrKey(id));
  }

  @Post(':id/track')
  @Authenticated()
  @ApiOperation({
    summary: 'Record a metric event (ignored before exposure; an Idempotency-Key counts once)',
  })
  @ApiParam(ID_OR_KEY)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: TrackResultDto })
  @ApiNotFoundResponse()
  track(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: TrackDto,
    @IdempotencyKey() key?: string,
  ): Promise<TrackResultDto> {
    return this.experiments.trackRequest(user, idOrKey(id), body, key);
  }

  @Get(':id/results')
  @Authenticated({ roles: ['admin'] })
  @ApiOperation({
    summary: 'Per-variant exposures and metrics, lifts against the control with CIs and p-values',
  })
  @ApiParam(ID_OR_KEY)
  @ApiOkResponse({ type: ResultsDto })
  @ApiNotFoundResponse()
  results(@Param('id') id: string): Promise<ResultsDto> {
    return this.experiments.results(idOrKey(id));
  }
}
