import { forwardRef, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ExperimentsModule } from '../experiments/experiments.module';
import { QuestionsModule } from '../questions/questions.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { AbilitiesRepository } from './abilities.repository';
import { AbilityEstimates } from './ability-estimates';
import { AnswerRecorder } from './answer-recorder';
import { AnsweringService } from './answering.service';
import { AnswersRepository } from './answers.repository';
import { PresentationsRepository } from './presentations.repository';
import { QuestionVersions } from './question-versions';
import { AbilityEstimateDoc, AbilityEstimateSchema } from './schemas/ability-estimate.schema';
import { SessionPresentation, SessionPresentationSchema } from './schemas/presentation.schema';
import { SessionAnswer, SessionAnswerSchema } from './schemas/session-answer.schema';
import { Session, SessionSchema } from './schemas/session.schema';
import { SessionAccess } from './session-access';
import { SessionHistoryService } from './session-history.service';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionStarterService } from './session-starter.service';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';

@Module({
  imports: [
    QuestionsModule,
    ExperimentsModule,
    // Graded answers count as reviews (AnswerReviewsService); reviews import sessions back.
    forwardRef(() => ReviewsModule),
    MongooseModule.forFeature([
      { name: Session.name, schema: SessionSchema },
      { name: SessionAnswer.name, schema: SessionAnswerSchema },
      { name: SessionPresentation.name, schema: SessionPresentationSchema },
      { name: AbilityEstimateDoc.name, schema: AbilityEstimateSchema },
    ]),
  ],
  controllers: [SessionsController],
  providers: [
    SessionsRepository,
    AnswersRepository,
    PresentationsRepository,
    AbilitiesRepository,
    AbilityEstimates,
    QuestionVersions,
    AnswerRecorder,
    SessionAccess,
    SessionLifecycleService,
    AnsweringService,
    SessionHistoryService,
    SessionStarterService,
  ],
  // Other modules read sessions through the history, and start sessions (assignments) through the starter.
  exports: [SessionHistoryService, SessionStarterService],
})
export class SessionsModule {}
