import { Module } from '@nestjs/common';
import { QuestionsModule } from '../questions/questions.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';
import { FiguresCache } from './figures-cache.service';

@Module({
  imports: [SessionsModule, ReviewsModule, QuestionsModule, UsersModule],
  controllers: [AnalyticsController],
  providers: [AnalyticsService, FiguresCache],
  exports: [AnalyticsService, FiguresCache],
})
export class AnalyticsModule {}
