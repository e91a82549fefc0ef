import { Controller, Get } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../../common/decorators';
import { WithoutDatabase } from '../database/database-available.guard';
import { HealthService, Readiness } from './health.service';

@ApiTags('health')
@Public()
// Probes must never be rate-limited.
@SkipThrottle()
@WithoutDatabase()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: MongoDB answers ping, Redis state',
    description:
      '200 with status "ok", or "degraded" when Redis is configured but down (requests still succeed without it) or the file storage does not answer (checks.storage). ' +
      '503 when MongoDB does not answer.',
  })
  @ApiOkResponse({ description: 'Ready (possibly degraded)' })
  @ApiServiceUnavailableResponse({ description: 'MongoDB is down' })
  ready(): Promise<Readiness> {
    return this.health.readiness();
  }
}
