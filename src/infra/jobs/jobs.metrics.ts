import { Provider } from '@nestjs/common';
import { getToken } from '@willsoto/nestjs-prometheus';
import { Gauge, register } from 'prom-client';
import { JobsRepository } from './jobs.repository';

/** `jobs{type,status}` on /metrics: the queue's state, counted at scrape time. */
export const jobsGaugeProvider: Provider = {
  provide: getToken('jobs'),
  inject: [JobsRepository],
  // Reused if already registered: several apps can share one process (the e2e tests start two at once).
  useFactory: (jobs: JobsRepository) =>
    register.getSingleMetric('jobs') ??
    new Gauge({
      name: 'jobs',
      help: 'Background jobs by type and status',
      labelNames: ['type', 'status'],
      async collect() {
        this.reset();
        for (const row of await jobs.countByTypeAndStatus())
          this.set({ type: row.type, status: row.status }, row.count);
      },
    }),
};
