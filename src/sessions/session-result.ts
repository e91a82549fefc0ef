import { difficultyLevel, type DifficultyLevel } from '../common/stats';

/** A question the student was asked, with its authored difficulty (0..1, 0 easy). */
export interface AskedQuestion {
  questionId: string;
  topic: string;
  difficulty: number;
}

export interface GradedAnswer {
  questionId: string;
  correct: boolean;
  credit: number;
  responseMs: number;
}

export interface Breakdown<K extends string = string> {
  key: K;
  questions: number;
  answered: number;
  correct: number;
  credit: number;
  /** credit / questions. */
  score: number;
}

export interface ScoreSummary {
  questionCount: number;
  answeredCount: number;
  correctCount: number;
  creditSum: number;
  /** creditSum / questionCount: unanswered questions count as 0. */
  score: number;
  /** Sum of the answers' response times. */
  answeringMs: number;
  byTopic: Breakdown[];
  byDifficulty: Breakdown<DifficultyLevel>[];
}

const LEVEL_ORDER: DifficultyLevel[] = ['easy', 'medium', 'hard'];

/**
 * Scores a session: overall over `questionCount` (which may exceed the questions asked, for an
 * adaptive session ended early), and per topic and per difficulty level over the questions asked.
 * Answers to questions not in `asked` are ignored.
 */
export function summarizeSession(
  asked: readonly AskedQuestion[],
  answers: readonly GradedAnswer[],
  questionCount: number,
): ScoreSummary {
  if (!(questionCount >= asked.length && questionCount > 0))
    throw new RangeError(`questionCount must be positive and cover the ${asked.length} asked`);
  const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer]));
  const topics = new Map<string, Breakdown>();
  const levels = new Map<DifficultyLevel, Breakdown<DifficultyLevel>>();
  const total = { answered: 0, correct: 0, credit: 0, answeringMs: 0 };
  for (const question of asked) {
    const answer = byQuestion.get(question.questionId);
    const groups = [
      group(topics, question.topic),
      group(levels, difficultyLevel(question.difficulty)),
    ];
    for (const g of groups) g.questions += 1;
    if (!answer) continue;
    total.answered += 1;
    total.correct += answer.correct ? 1 : 0;
    total.credit += answer.credit;
    total.answeringMs += answer.responseMs;
    for (const g of groups) {
      g.answered += 1;
      g.correct += answer.correct ? 1 : 0;
      g.credit += answer.credit;
    }
  }
  const finish = <K extends string>(b: Breakdown<K>): Breakdown<K> => ({
    ...b,
    score: b.credit / b.questions,
  });
  return {
    questionCount,
    answeredCount: total.answered,
    correctCount: total.correct,
    creditSum: total.credit,
    score: total.credit / questionCount,
    answeringMs: total.answeringMs,
    byTopic: [...topics.values()]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(finish),
    byDifficulty: LEVEL_ORDER.flatMap((level) => {
      const b = levels.get(level);
      return b ? [finish(b)] : [];
    }),
  };
}

function group<K extends string>(groups: Map<K, Breakdown<K>>, key: K): Breakdown<K> {
  let g = groups.get(key);
  if (!g) {
    g = { key, questions: 0, answered: 0, correct: 0, credit: 0, score: 0 };
    groups.set(key, g);
  }
  return g;
}
