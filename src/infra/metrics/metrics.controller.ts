import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../../common/decorators';
import { WithoutDatabase } from '../database/database-available.guard';

/** `GET /metrics` in Prometheus text exposition format, for scrapers (no token). */
@ApiExcludeController()
@SkipThrottle()
@WithoutDatabase()
@Controller()
export class MetricsController extends PrometheusController {
  @Public()
  @Get()
  override index(@Res({ passthrough: true }) response: unknown) {
    return super.index(response);
  }
}
