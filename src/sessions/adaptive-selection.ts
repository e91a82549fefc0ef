import { selectNextQuestion } from '../common/stats';

/** A question of an adaptive session's pool, with its difficulty b in logits. */
export interface PoolQuestion {
  id: string;
  topic: string;
  difficulty: number;
  answered: boolean;
}

/**
 * Picks the next question of an adaptive session whose pool may span several topics, each with its
 * own ability θ. Under the Rasch model success depends only on θ − b, so each candidate is given the
 * relative difficulty b − θ(topic) and the core selection runs at θ = 0: the result is the question
 * whose predicted success σ(θ(topic) − b) is closest to the target.
 */
export function pickAdaptiveQuestion<Q extends PoolQuestion>(
  pool: readonly Q[],
  thetaOf: (topic: string) => number,
  targetSuccess: number,
): Q | undefined {
  const relative = pool.map((question) => ({
    id: question.id,
    difficulty: question.difficulty - thetaOf(question.topic),
    answered: question.answered,
    question,
  }));
  return selectNextQuestion(relative, 0, { targetSuccess })?.question;
}
