import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReviewsModule } from '../reviews/reviews.module';
import { UsersModule } from '../users/users.module';
import { NotificationPreferencesRepository } from './notification-preferences.repository';
import { NotificationScheduler } from './notification-scheduler';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import {
  NotificationPreferences,
  NotificationPreferencesSchema,
} from './schemas/notification-preferences.schema';
import { SchedulerRun, SchedulerRunSchema } from './schemas/scheduler-run.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: NotificationPreferences.name, schema: NotificationPreferencesSchema },
      { name: SchedulerRun.name, schema: SchedulerRunSchema },
    ]),
    UsersModule,
    ReviewsModule,
  ],
  controllers: [NotificationsController],
  providers: [NotificationPreferencesRepository, NotificationsService, NotificationScheduler],
})
export class NotificationsModule {}
