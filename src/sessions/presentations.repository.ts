import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import { SessionPresentation } from './schemas/presentation.schema';

export interface Presentation {
  slot: number;
  questionId: string;
  presentedAt: Date;
}

const presentationId = (sessionId: string, questionId: string) => `${sessionId}:${questionId}`;

const toPresentation = (row: SessionPresentation): Presentation => ({
  slot: row.slot,
  questionId: row.questionId,
  presentedAt: row.presentedAt,
});

/** Every query on session_presentations. */
@Injectable()
export class PresentationsRepository {
  constructor(
    @InjectModel(SessionPresentation.name)
    private readonly presentations: Model<SessionPresentation>,
    private readonly guard: WriteGuard,
  ) {}

  /** The session's presentations in slot order (at most its question count). */
  async ofSession(sessionId: string): Promise<Presentation[]> {
    const rows = await this.presentations
      .find({ sessionId })
      .sort({ slot: 1 })
      .lean<SessionPresentation[]>()
      .exec();
    return rows.map(toPresentation);
  }

  async wasPresented(sessionId: string, questionId: string): Promise<boolean> {
    const row = await this.presentations
      .findById(presentationId(sessionId, questionId))
      .select({ _id: 1 })
      .lean()
      .exec();
    return row !== null;
  }

  /**
   * Claims the slot for the question; if another request claimed it first, returns that
   * presentation instead (the unique key decides).
   */
  async claim(sessionId: string, presentation: Presentation): Promise<Presentation> {
    const { value } = await this.guard.insertOrFind(
      async () => {
        await this.presentations.create({
          _id: presentationId(sessionId, presentation.questionId),
          sessionId: new Types.ObjectId(sessionId),
          ...presentation,
        });
        return presentation;
      },
      async () => {
        const winner = await this.presentations
          .findOne({ sessionId, slot: presentation.slot })
          .lean<SessionPresentation>()
          .exec();
        return winner ? toPresentation(winner) : null;
      },
    );
    return value;
  }
}
