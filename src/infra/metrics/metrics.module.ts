import { Module } from '@nestjs/common';
import { makeHistogramProvider, PrometheusModule } from '@willsoto/nestjs-prometheus';
import { BusinessMetricsModule } from './business-metrics';
import { HTTP_DURATION_METRIC, HttpMetricsService } from './http-metrics.service';
import { MetricsController } from './metrics.controller';

@Module({
  imports: [
    BusinessMetricsModule,
    PrometheusModule.register({
      path: '/metrics',
      controller: MetricsController,
      defaultMetrics: { enabled: true },
    }),
  ],
  providers: [
    makeHistogramProvider({
      name: HTTP_DURATION_METRIC,
      help: 'HTTP request duration in seconds, by route template, method and status code',
      labelNames: ['route', 'method', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    HttpMetricsService,
  ],
})
export class MetricsModule {}
