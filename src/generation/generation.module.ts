import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AnalyticsModule } from '../analytics/analytics.module';
import { DocumentsModule } from '../documents/documents.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AdaptiveGenerationService } from './adaptive-generation.service';
import { QuestionsModule } from '../questions/questions.module';
import { ExplanationsService } from './explanations.service';
import { GenerationRunsRepository } from './generation-runs.repository';
import { GenerationController } from './generation.controller';
import { GenerationService } from './generation.service';
import { questionProviderProvider } from './providers/provider.factory';
import { GenerationRun, GenerationRunSchema } from './schemas/generation-run.schema';
import { PersonalExplanationsRepository } from './personal-explanations.repository';
import {
  PersonalExplanation,
  PersonalExplanationSchema,
} from './schemas/personal-explanation.schema';

/** Question generation jobs, the providers (offline, OpenAI-compatible, Anthropic) and explanations. */
@Module({
  imports: [
    DocumentsModule,
    QuestionsModule,
    SessionsModule,
    AnalyticsModule,
    MongooseModule.forFeature([
      { name: GenerationRun.name, schema: GenerationRunSchema },
      { name: PersonalExplanation.name, schema: PersonalExplanationSchema },
    ]),
  ],
  controllers: [GenerationController],
  providers: [
    GenerationService,
    AdaptiveGenerationService,
    ExplanationsService,
    GenerationRunsRepository,
    PersonalExplanationsRepository,
    questionProviderProvider,
  ],
})
export class GenerationModule {}
