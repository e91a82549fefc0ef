import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AnalyticsModule } from '../analytics/analytics.module';
import { QuestionsModule } from '../questions/questions.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { StudyPlan, StudyPlanSchema } from './schemas/study-plan.schema';
import { StudyPlansController } from './study-plans.controller';
import { StudyPlansRepository } from './study-plans.repository';
import { StudyPlansService } from './study-plans.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: StudyPlan.name, schema: StudyPlanSchema }]),
    AnalyticsModule,
    ReviewsModule,
    QuestionsModule,
  ],
  controllers: [StudyPlansController],
  providers: [StudyPlansRepository, StudyPlansService],
  exports: [StudyPlansService],
})
export class StudyPlansModule {}
