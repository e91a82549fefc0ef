import { Global, Module, Provider } from '@nestjs/common';
import { getToken } from '@willsoto/nestjs-prometheus';
import { Counter, Metric, register } from 'prom-client';

/**
 * What the product does, on /metrics, labelled sparingly (never a user id). Each metric is reused if
 * already registered: several apps can share one process (the e2e tests start two at once).
 */
export const CACHE_REQUESTS = 'cache_requests_total';
export const ANSWERS_RECORDED = 'answers_recorded_total';
export const EMAILS_SENT = 'emails_sent_total';

export type CacheResult = 'hit' | 'miss' | 'bypass';

function reused<T extends Metric>(name: string, create: () => T): Provider {
  return {
    provide: getToken(name),
    useFactory: () => (register.getSingleMetric(name) as T | undefined) ?? create(),
  };
}

export const businessMetricProviders: Provider[] = [
  reused(
    CACHE_REQUESTS,
    () =>
      new Counter({
        name: CACHE_REQUESTS,
        help: 'Reads of cached routes by result: hit (also 304s), miss, bypass (cache unavailable)',
        labelNames: ['result'],
      }),
  ),
  reused(
    ANSWERS_RECORDED,
    () =>
      new Counter({
        name: ANSWERS_RECORDED,
        help: 'Answers recorded in study sessions, by session mode and correctness',
        labelNames: ['mode', 'correct'],
      }),
  ),
  reused(
    EMAILS_SENT,
    () =>
      new Counter({
        name: EMAILS_SENT,
        help: 'Emails handed to the mail server, by template and outcome (sent, failed)',
        labelNames: ['type', 'outcome'],
      }),
  ),
];

/**
 * The business metrics, injectable anywhere with `@InjectMetric(name)`; global and without HTTP, so
 * contexts without the /metrics route (medium tests) can build the services that count.
 */
@Global()
@Module({ providers: businessMetricProviders, exports: businessMetricProviders })
export class BusinessMetricsModule {}
