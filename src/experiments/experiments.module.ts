import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { UsersModule } from '../users/users.module';
import { ExperimentsController } from './experiments.controller';
import { ExperimentsRepository } from './experiments.repository';
import { ExperimentsService } from './experiments.service';
import { Experiment, ExperimentSchema } from './schemas/experiment.schema';
import { ExperimentExposure, ExperimentExposureSchema } from './schemas/exposure.schema';
import { ExperimentEvent, ExperimentEventSchema } from './schemas/metric-event.schema';

/** A/B experiments; other modules ask `ExperimentsService.variantFor` for product decisions. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Experiment.name, schema: ExperimentSchema },
      { name: ExperimentExposure.name, schema: ExperimentExposureSchema },
      { name: ExperimentEvent.name, schema: ExperimentEventSchema },
    ]),
    UsersModule,
  ],
  controllers: [ExperimentsController],
  providers: [ExperimentsRepository, ExperimentsService],
  exports: [ExperimentsService],
})
export class ExperimentsModule {}
