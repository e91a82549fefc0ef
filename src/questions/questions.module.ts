import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DocumentsModule } from '../documents/documents.module';
import { QuestionBankService } from './question-bank.service';
import { QuestionManagementController } from './question-management.controller';
import { QuestionsController } from './questions.controller';
import { QuestionsRepository } from './questions.repository';
import { QuestionEditingService } from './question-editing.service';
import { QuestionStorageService } from './question-storage.service';
import { QuestionsService } from './questions.service';
import { Question, QuestionSchema } from './schemas/question.schema';
import { QuestionVersion, QuestionVersionSchema } from './schemas/question-version.schema';

/**
 * The question bank. Exports QuestionsService (the read contract of sessions and learning) and
 * QuestionStorageService (bulk storage for generation).
 */
@Module({
  imports: [
    DocumentsModule,
    MongooseModule.forFeature([
      { name: Question.name, schema: QuestionSchema },
      { name: QuestionVersion.name, schema: QuestionVersionSchema },
    ]),
  ],
  controllers: [QuestionsController, QuestionManagementController],
  providers: [
    QuestionsRepository,
    QuestionsService,
    QuestionEditingService,
    QuestionStorageService,
    QuestionBankService,
  ],
  exports: [QuestionsService, QuestionStorageService],
})
export class QuestionsModule {}
