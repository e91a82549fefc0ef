import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SessionsModule } from '../sessions/sessions.module';
import { EventRateLimiter } from './event-rate-limiter';
import { RecordingController } from './recording.controller';
import { RecordingRepository } from './recording.repository';
import { RecordingService } from './recording.service';
import { SessionEvent, SessionEventSchema } from './schemas/session-event.schema';

@Module({
  imports: [
    SessionsModule,
    MongooseModule.forFeature([{ name: SessionEvent.name, schema: SessionEventSchema }]),
  ],
  controllers: [RecordingController],
  providers: [RecordingRepository, RecordingService, EventRateLimiter],
})
export class RecordingModule {}
