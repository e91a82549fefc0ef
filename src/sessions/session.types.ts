/**
 * The sessions contract: what other modules (learning science, analytics, teachers) read through
 * SessionHistoryService. Plain types, no Mongoose.
 */
export const SESSION_MODES = ['practice', 'exam', 'adaptive'] as const;
/** practice: feedback after each answer; exam: feedback only at the end, optional time limit; adaptive: difficulty follows ability. */
export type SessionMode = (typeof SESSION_MODES)[number];

export const SESSION_STATUSES = ['active', 'finished', 'expired'] as const;
/** expired: the exam's time limit passed before the student finished it. */
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SCORING_POLICIES = ['all-or-nothing', 'partial'] as const;
/** How multiple-choice questions with several correct options are scored. */
export type ScoringPolicy = (typeof SCORING_POLICIES)[number];

/** One graded answer, as streamed to analytics. */
export interface AnswerRecord {
  sessionId: string;
  questionId: string;
  questionVersion: number;
  documentId: string | null;
  topic: string;
  /** The question's difficulty (0..1, 0 easy) in the version answered. */
  difficulty: number;
  correct: boolean;
  /** Credit earned in [0, 1]; 1 exactly when `correct`. */
  credit: number;
  responseMs: number;
  answeredAt: Date;
}

export interface SessionSummary {
  id: string;
  documentId: string | null;
  mode: SessionMode;
  status: SessionStatus;
  startedAt: Date;
  finishedAt: Date | null;
  questionCount: number;
  answeredCount: number;
  /** Credit earned over the questions of the session (unanswered count as 0), 0..1; null until finished. */
  score: number | null;
}

export interface StreamAnswersOptions {
  since?: Date;
  until?: Date;
  topic?: string;
}

export interface MistakeRecord {
  questionId: string;
  questionVersion: number;
  topic: string;
}

export interface AbilityEstimate {
  theta: number;
  answers: number;
}

export interface DocumentScore {
  userId: string;
  score: number;
  finishedAt: Date;
}

/** A session as the recording module checks events against it. */
export interface SessionForRecording {
  id: string;
  status: SessionStatus;
  startedAt: Date;
  endedAt: Date | null;
  questionIds: string[];
}
