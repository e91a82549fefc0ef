import { Injectable } from '@nestjs/common';
import type { SessionDto } from './dto/session.dto';
import { SessionLifecycleService } from './session-lifecycle.service';
import type { ScoringPolicy, SessionMode } from './session.types';

export interface StartSessionInput {
  documentId?: string;
  topics?: string[];
  questionCount: number;
  mode: SessionMode;
  timeLimitSeconds?: number;
  scoring?: ScoringPolicy;
}

/**
 * Starts a session for a user on rules another module decides (a classroom assignment): the same
 * checks and question draw as POST /api/sessions. The only write other modules may ask of sessions.
 */
@Injectable()
export class SessionStarterService {
  constructor(private readonly lifecycle: SessionLifecycleService) {}

  start(userId: string, input: StartSessionInput): Promise<SessionDto> {
    return this.lifecycle.create(userId, input);
  }
}
