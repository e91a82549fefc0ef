import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { jobsGaugeProvider } from './jobs.metrics';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';
import { Job, JobSchema } from './schemas/job.schema';

/** The durable background-job queue; domain modules register handlers and enqueue work through JobsService. */
@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: Job.name, schema: JobSchema }])],
  providers: [JobsRepository, JobsService, jobsGaugeProvider],
  exports: [JobsService],
})
export class JobsModule {}
