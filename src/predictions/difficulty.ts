import { DEFAULT_TARGET_SUCCESS, type DifficultyLevel, logit, logitToLevel } from '../common/stats';

export interface TargetDifficulty {
  /** Difficulty b on the Rasch logit scale shared with ability θ. */
  logit: number;
  level: DifficultyLevel;
}

/**
 * The question difficulty at which a student of ability θ succeeds with the target probability p:
 * solving p = 1 / (1 + e^−(θ − b)) for b gives b = θ − ln(p / (1 − p)).
 */
export function difficultyForSuccessRate(
  theta: number,
  targetSuccess: number = DEFAULT_TARGET_SUCCESS,
): TargetDifficulty {
  const difficulty = theta - logit(targetSuccess);
  return { logit: difficulty, level: logitToLevel(difficulty) };
}
