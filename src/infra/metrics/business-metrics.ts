import { Provider } from '@nestjs/common';
import { getToken } from '@willsoto/nestjs-prometheus';
import { Counter, Gauge, Metric, register } from 'prom-client';

/**
 * What the product does, on /metrics, labelled sparingly (never a user id). Each metric is reused if
 * already registered: several apps can share one process (the e2e tests start two at once).
 */
export const CACHE_REQUESTS = 'cache_requests_total';
export const QUESTIONS_GENERATED = 'questions_generated_total';
export const ANSWERS_RECORDED = 'answers_recorded_total';
export const REVIEWS_COMPLETED = 'reviews_completed_total';
export const EMAILS_SENT = 'emails_sent_total';
export const SESSIONS_ACTIVE = 'sessions_active';

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
    QUESTIONS_GENERATED,
    () =>
      new Counter({
        name: QUESTIONS_GENERATED,
        help: 'Questions stored by generation jobs, by provider',
        labelNames: ['provider'],
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
    REVIEWS_COMPLETED,
    () =>
      new Counter({
        name: REVIEWS_COMPLETED,
        help: 'Spaced-repetition reviews completed, by scheduler and grade',
        labelNames: ['scheduler', 'grade'],
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
  reused(
    SESSIONS_ACTIVE,
    () =>
      new Gauge({
        name: SESSIONS_ACTIVE,
        help: 'Study sessions started and not finished in this process, by mode',
        labelNames: ['mode'],
      }),
  ),
];
