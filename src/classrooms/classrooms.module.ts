import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AnalyticsModule } from '../analytics/analytics.module';
import { DocumentsModule } from '../documents/documents.module';
import { PredictionsModule } from '../predictions/predictions.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { AssignmentsService } from './assignments.service';
import { ClassAnalyticsService } from './class-analytics.service';
import { StudentClassroomsController, TeacherClassroomsController } from './classrooms.controller';
import { ClassroomsRepository } from './classrooms.repository';
import { ClassroomsService } from './classrooms.service';
import {
  AlertDecisionDoc,
  AlertDecisionSchema,
  Assignment,
  AssignmentSchema,
  AssignmentSubmission,
  AssignmentSubmissionSchema,
} from './schemas/assignment.schema';
import {
  Classroom,
  ClassroomInvitation,
  ClassroomInvitationSchema,
  ClassroomMember,
  ClassroomMemberSchema,
  ClassroomSchema,
} from './schemas/classroom.schema';

@Module({
  imports: [
    UsersModule,
    DocumentsModule,
    SessionsModule,
    ReviewsModule,
    AnalyticsModule,
    PredictionsModule,
    MongooseModule.forFeature([
      { name: Classroom.name, schema: ClassroomSchema },
      { name: ClassroomMember.name, schema: ClassroomMemberSchema },
      { name: ClassroomInvitation.name, schema: ClassroomInvitationSchema },
      { name: Assignment.name, schema: AssignmentSchema },
      { name: AssignmentSubmission.name, schema: AssignmentSubmissionSchema },
      { name: AlertDecisionDoc.name, schema: AlertDecisionSchema },
    ]),
  ],
  controllers: [TeacherClassroomsController, StudentClassroomsController],
  providers: [ClassroomsRepository, ClassroomsService, AssignmentsService, ClassAnalyticsService],
  exports: [ClassroomsService],
})
export class ClassroomsModule {}
