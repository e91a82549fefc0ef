import { DEFAULT_TARGET_SUCCESS, fractionToLogit } from './difficulty-scale';
import { sigmoid } from './logistic';

/**
 * Student ability θ (per student and topic) and question difficulty b on one logit scale, under
 * the Rasch (1-parameter logistic) model P(correct) = 1 / (1 + e^−(θ − b)).
 *
 * Both are estimated online with the Elo rating system for adaptive learning (Pelánek 2016,
 * "Applications of the Elo rating system in adaptive educational systems", Computers & Education
 * 98): after an answer with outcome R and prediction P,
 *   θ ← θ + K(n_student)·(R − P)      b ← b − K(n_item)·(R − P),
 * where K is the paper's uncertainty function U(n) = α / (1 + β·n), n being the number of answers
 * the estimate has already absorbed, so new students and new questions move fast and settle later.
 * α = 1 and β = 0.05 are our defaults (tune them on logged data).
 */
export interface StudentAbility {
  theta: number;
  answers: number;
}

export interface ItemDifficulty {
  difficulty: number;
  answers: number;
}

export interface EloOptions {
  alpha?: number;
  beta?: number;
}

export interface AbilityUpdate {
  student: StudentAbility;
  item: ItemDifficulty;
  /** The prediction the update corrected. */
  expected: number;
}

export interface QuestionCandidate {
  id: string;
  difficulty: number;
  answered: boolean;
}

export interface SelectionOptions {
  targetSuccess?: number;
}

const DEFAULT_ALPHA = 1;
const DEFAULT_BETA = 0.05;
/** Distances to the target that differ by less than this are ties (rounding noise). */
const DISTANCE_RESOLUTION = 1e-12;

export function newStudentAbility(): StudentAbility {
  return { theta: 0, answers: 0 };
}

export function newItemDifficulty(difficulty = 0): ItemDifficulty {
  return { difficulty, answers: 0 };
}

/**
 * A question's current difficulty b in logits: the prior from its authored 0..1 difficulty plus the
 * Elo steps its answers have made so far.
 */
export function currentDifficulty(authored: number, shift: number): number {
  return fractionToLogit(authored) + shift;
}

/** Rasch probability that a student of ability θ answers a question of difficulty b correctly. */
export function probabilityCorrect(theta: number, difficulty: number): number {
  return sigmoid(theta - difficulty);
}

/** Fisher information of a Rasch item at θ: p(1 − p), largest (0.25) where θ = b. */
export function itemInformation(theta: number, difficulty: number): number {
  const p = probabilityCorrect(theta, difficulty);
  return p * (1 - p);
}

/** Pelánek's uncertainty function U(n) = α / (1 + β·n), used as the Elo K factor. */
export function eloK(answers: number, options: EloOptions = {}): number {
  return (options.alpha ?? DEFAULT_ALPHA) / (1 + (options.beta ?? DEFAULT_BETA) * answers);
}

/**
 * One Elo step for both sides of an answer. `outcome` is the credit earned, 1 for correct and 0 for
 * wrong; partial credit in between is allowed and moves the estimates proportionally.
 */
export function updateAbility(
  student: StudentAbility,
  item: ItemDifficulty,
  outcome: number,
  options: EloOptions = {},
): AbilityUpdate {
  if (!(outcome >= 0 && outcome <= 1))
    throw new RangeError(`outcome must be in [0, 1], got ${outcome}`);
  const expected = probabilityCorrect(student.theta, item.difficulty);
  const surprise = outcome - expected;
  return {
    student: {
      theta: student.theta + eloK(student.answers, options) * surprise,
      answers: student.answers + 1,
    },
    item: {
      difficulty: item.difficulty - eloK(item.answers, options) * surprise,
      answers: item.answers + 1,
    },
    expected,
  };
}

/**
 * The unanswered question whose predicted success is closest to the target (default 70 %).
 * Ties go to the lower difficulty, then to the smaller id (by code units), so the choice is
 * deterministic. Undefined when every candidate has been answered.
 */
export function selectNextQuestion<C extends QuestionCandidate>(
  candidates: readonly C[],
  theta: number,
  options: SelectionOptions = {},
): C | undefined {
  const target = options.targetSuccess ?? DEFAULT_TARGET_SUCCESS;
  let best: { candidate: C; rank: number } | undefined;
  for (const candidate of candidates) {
    if (candidate.answered) continue;
    const distance = Math.abs(probabilityCorrect(theta, candidate.difficulty) - target);
    const rank = Math.round(distance / DISTANCE_RESOLUTION);
    const better =
      !best || rank < best.rank || (rank === best.rank && breaksTie(candidate, best.candidate));
    if (better) best = { candidate, rank };
  }
  return best?.candidate;
}

function breaksTie(challenger: QuestionCandidate, holder: QuestionCandidate): boolean {
  if (challenger.difficulty !== holder.difficulty) return challenger.difficulty < holder.difficulty;
  return challenger.id < holder.id;
}
