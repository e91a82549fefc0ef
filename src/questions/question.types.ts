/** The shared question contract: other modules (sessions, learning) code against these types. */
import { QUESTION_TYPES, type QuestionType } from './question-draft';

export { QUESTION_TYPES, type QuestionType };

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

/** Copies just the editable content of a question (what a version snapshots and what moves between banks). */
export function pickContent(q: QuestionContent): QuestionContent {
  return {
    type: q.type,
    stem: q.stem,
    choices: q.choices,
    correctChoiceIds: q.correctChoiceIds,
    answer: q.answer,
    acceptedAnswers: q.acceptedAnswers,
    topic: q.topic,
    difficulty: q.difficulty,
    explanation: q.explanation,
    citation: q.citation,
  };
}

/** An explanation written for one version of a question, with the passages it cites. */
export interface CachedExplanationView {
  version: number;
  text: string;
  citations: QuestionCitation[];
  provider: string;
  generatedAt: Date;
}

export type QuestionWithExplanation = QuestionView & {
  cachedExplanation: CachedExplanationView | null;
};
