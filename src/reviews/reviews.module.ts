import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { QuestionsModule } from '../questions/questions.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { LearningChanges } from './learning-changes';
import { ReviewCardsRepository } from './review-cards.repository';
import { ReviewLogRepository } from './review-log.repository';
import { ReviewSessionsRepository } from './review-sessions.repository';
import { ReviewSessionsService } from './review-sessions.service';
import { ReviewSettingsRepository } from './review-settings.repository';
import { ReviewSettingsService } from './review-settings.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';
import { ReviewCard, ReviewCardSchema } from './schemas/review-card.schema';
import { ReviewItem, ReviewItemSchema } from './schemas/review-item.schema';
import { ReviewLog, ReviewLogSchema } from './schemas/review-log.schema';
import { ReviewSession, ReviewSessionSchema } from './schemas/review-session.schema';
import { ReviewSettings, ReviewSettingsSchema } from './schemas/review-settings.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ReviewCard.name, schema: ReviewCardSchema },
      { name: ReviewLog.name, schema: ReviewLogSchema },
      { name: ReviewSession.name, schema: ReviewSessionSchema },
      { name: ReviewItem.name, schema: ReviewItemSchema },
      { name: ReviewSettings.name, schema: ReviewSettingsSchema },
    ]),
    QuestionsModule,
    SessionsModule,
    UsersModule,
  ],
  controllers: [ReviewsController],
  providers: [
    ReviewCardsRepository,
    ReviewLogRepository,
    ReviewSessionsRepository,
    ReviewSettingsRepository,
    ReviewSettingsService,
    ReviewSessionsService,
    ReviewsService,
    LearningChanges,
  ],
  exports: [ReviewsService, ReviewSettingsService, LearningChanges],
})
export class ReviewsModule {}
