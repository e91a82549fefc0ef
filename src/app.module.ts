import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AnalyticsModule } from './analytics/analytics.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClassroomsModule } from './classrooms/classrooms.module';
import { ClockModule } from './common/clock';
import { ComparisonsModule } from './comparisons/comparisons.module';
import { AppConfigModule } from './config';
import { ExperimentsModule } from './experiments/experiments.module';
import { DocumentsModule } from './documents/documents.module';
import { GenerationModule } from './generation/generation.module';
import { CacheModule } from './infra/cache/cache.module';
import { DatabaseModule } from './infra/database/database.module';
import { EventsModule } from './infra/events/events.module';
import { HealthModule } from './infra/health/health.module';
import { JobsModule } from './infra/jobs/jobs.module';
import { LoggingModule } from './infra/logging/logging.module';
import { LtiModule } from './lti/lti.module';
import { MailModule } from './infra/mail/mail.module';
import { MetricsModule } from './infra/metrics/metrics.module';
import { MarketplaceModule } from './marketplace/marketplace.module';
import { OidcModule } from './oidc/oidc.module';
import { RedisModule } from './infra/redis/redis.module';
import { StorageModule } from './infra/storage';
import { ThrottlingModule } from './infra/throttling/throttling.module';
import { PredictionsModule } from './predictions/predictions.module';
import { QuestionsModule } from './questions/questions.module';
import { RecordingModule } from './recording/recording.module';
import { ReviewsModule } from './reviews/reviews.module';
import { SessionsModule } from './sessions/sessions.module';
import { StudyPlansModule } from './study-plans/study-plans.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

import { NotificationsModule } from './notifications/notifications.module';
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    ClockModule,
    ScheduleModule.forRoot(),
    DatabaseModule,
    StorageModule,
    RedisModule,
    CacheModule,
    MetricsModule,
    JobsModule,
    EventsModule,
    MailModule,
    HealthModule,
    UsersModule,
    AuthModule,
    // After AuthModule: its guard names the caller that the per-user limits count.
    ThrottlingModule,
    AuditModule,
    DocumentsModule,
    QuestionsModule,
    GenerationModule,
    SessionsModule,
    RecordingModule,
    ReviewsModule,
    AnalyticsModule,
    PredictionsModule,
    StudyPlansModule,
    ComparisonsModule,
    MarketplaceModule,
    WebhooksModule,
    ClassroomsModule,
    LtiModule,
    OidcModule,
    ExperimentsModule,
    NotificationsModule,
  ],
})
export class AppModule {}
