import { forwardRef, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { QuestionsModule } from '../questions/questions.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { AbilitiesRepository } from './abilities.repository';
import { AnswerEffects } from './answer-effects';
import { AnswersRepository } from './answers.repository';
import { PendingEffectsRepository } from './pending-effects.repository';
import { PresentationsRepository } from './presentations.repository';
import { QuestionVersions } from './question-versions';
import { AbilityEstimateDoc, AbilityEstimateSchema } from './schemas/ability-estimate.schema';
import { PendingEffect, PendingEffectSchema } from './schemas/pending-effect.schema';
import { SessionPresentation, SessionPresentationSchema } from './schemas/presentation.schema';
import { SessionAnswer, SessionAnswerSchema } from './schemas/session-answer.schema';
import { Session, SessionSchema } from './schemas/session.schema';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

@Module({
  imports: [
    QuestionsModule,
    // Graded answers count as reviews (AnswerReviewsService); reviews import sessions back.
    forwardRef(() => ReviewsModule),
    MongooseModule.forFeature([
      { name: Session.name, schema: SessionSchema },
      { name: SessionAnswer.name, schema: SessionAnswerSchema },
      { name: SessionPresentation.name, schema: SessionPresentationSchema },
      { name: AbilityEstimateDoc.name, schema: AbilityEstimateSchema },
      { name: PendingEffect.name, schema: PendingEffectSchema },
    ]),
  ],
  controllers: [SessionsController],
  providers: [
    SessionsRepository,
    AnswersRepository,
    PresentationsRepository,
    AbilitiesRepository,
    PendingEffectsRepository,
    QuestionVersions,
    AnswerEffects,
    SessionsService,
  ],
  exports: [SessionsService],
})
export class SessionsModule {}
