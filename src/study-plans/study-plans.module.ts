import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AnalyticsModule } from '../analytics/analytics.module';
import { QuestionsModule } from '../questions/questions.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { CalendarFeedController, CalendarFeedFileController } from './calendar-feeds.controller';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { CalendarFeedsService } from './calendar-feeds.service';
import { CalendarFeed, CalendarFeedSchema } from './schemas/calendar-feed.schema';
import { StudyPlan, StudyPlanSchema } from './schemas/study-plan.schema';
import { StudyPlansController } from './study-plans.controller';
import { StudyPlansRepository } from './study-plans.repository';
import { StudyPlansService } from './study-plans.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: StudyPlan.name, schema: StudyPlanSchema },
      { name: CalendarFeed.name, schema: CalendarFeedSchema },
    ]),
    AnalyticsModule,
    ReviewsModule,
    QuestionsModule,
  ],
  controllers: [StudyPlansController, CalendarFeedController, CalendarFeedFileController],
  providers: [
    StudyPlansRepository,
    StudyPlansService,
    CalendarFeedsRepository,
    CalendarFeedsService,
  ],
  exports: [StudyPlansService],
})
export class StudyPlansModule {}
