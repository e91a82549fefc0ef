/** The shared question contract: other modules (sessions, learning) code against these types. */
export const QUESTION_TYPES = [
  'single-choice',
  'multiple-choice',
  'true-false',
  'short-answer',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface QuestionChoice {
  id: string;
  text: string;
}

/** Where the answer comes from: a chunk of the source document, its page and character range. */
export interface QuestionCitation {
  chunkId: string;
  page: number;
  start: number;
  end: number;
  snippet: string;
}

export interface QuestionView {
  id: string;
  ownerId: string;
  documentId: string | null;
  version: number;
  type: QuestionType;
  stem: string;
  choices: QuestionChoice[];
  correctChoiceIds: string[];
  answer: string | null;
  acceptedAnswers: string[];
  topic: string;
  /** 0..1, 0 easy. */
  difficulty: number;
  explanation: string;
  citation: QuestionCitation | null;
  answerCount: number;
  correctCount: number;
}

/** The editable content of a question: what a version snapshots. */
export type QuestionContent = Pick<
  QuestionView,
  | 'type'
  | 'stem'
  | 'choices'
  | 'correctChoiceIds'
  | 'answer'
  | 'acceptedAnswers'
  | 'topic'
  | 'difficulty'
  | 'explanation'
  | 'citation'
>;
