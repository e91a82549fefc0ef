import type { Random } from '../common/random/seeded-random';
import { clamp } from '../common/stats';

/**
 * Bayesian Knowledge Tracing (Corbett & Anderson 1995, "Knowledge tracing: modeling the acquisition
 * of procedural knowledge", UMUAI 4): a skill is either known or not; it starts known with pInit,
 * becomes known after each practice opportunity with pLearn (the transit probability, no
 * forgetting), and a known skill is answered wrong with pSlip, an unknown one right with pGuess.
 */
export interface BktParams {
  pInit: number;
  pLearn: number;
  pSlip: number;
  pGuess: number;
}

export type BktBounds = Record<keyof BktParams, readonly [number, number]>;

export interface BktFitOptions {
  bounds?: BktBounds;
  /** EM stops when one iteration improves the log-likelihood by less than this (default 1e-6). */
  tolerance?: number;
  maxIterations?: number;
}

export interface BktFit {
  params: BktParams;
  logLikelihood: number;
  iterations: number;
}

/**
 * Guess and slip stay below 0.45: at guess + slip = 1 an answer says nothing about knowledge, and
 * above it the model flips into the degenerate reading where knowing makes you answer wrong
 * (Baker, Corbett & Aleven 2008 discuss this degeneracy).
 */
export const DEFAULT_BKT_BOUNDS: BktBounds = {
  pInit: [0.001, 0.999],
  pLearn: [0.001, 0.999],
  pSlip: [0.001, 0.45],
  pGuess: [0.001, 0.45],
};

const PARAM_NAMES: readonly (keyof BktParams)[] = ['pInit', 'pLearn', 'pSlip', 'pGuess'];
const GRID_POINTS_PER_PARAM = 5;
const DEFAULT_TOLERANCE = 1e-6;
const DEFAULT_MAX_ITERATIONS = 500;

/** P(correct) = P(L)(1 − slip) + (1 − P(L))·guess. */
export function predictCorrect(pKnown: number, params: BktParams): number {
  return pKnown * (1 - params.pSlip) + (1 - pKnown) * params.pGuess;
}

/** Bayes' rule: P(L | answer) before any learning from this opportunity. */
export function posteriorKnown(pKnown: number, correct: boolean, params: BktParams): number {
  const ifKnown = pKnown * emission(true, correct, params);
  const ifUnknown = (1 - pKnown) * emission(false, correct, params);
  return ifKnown / (ifKnown + ifUnknown);
}

/** Knowledge after an answer: the posterior, then the chance to learn, P(L') = P + (1 − P)·pLearn. */
export function updateKnowledge(pKnown: number, correct: boolean, params: BktParams): number {
  return learn(posteriorKnown(pKnown, correct, params), params);
}

/**
 * For each answer in order, P(correct) predicted from the answers before it (starting from pInit):
 * the model's forecast that calibration metrics score.
 */
export function predictSequence(answers: readonly boolean[], params: BktParams): number[] {
  const predictions: number[] = [];
  let pKnown = params.pInit;
  for (const correct of answers) {
    predictions.push(predictCorrect(pKnown, params));
    pKnown = updateKnowledge(pKnown, correct, params);
  }
  return predictions;
}

/** Σ ln P(answer | earlier answers) over all sequences. */
export function bktLogLikelihood(
  sequences: readonly (readonly boolean[])[],
  params: BktParams,
): number {
  let total = 0;
  for (const answers of sequences) {
    const predictions = predictSequence(answers, params);
    answers.forEach((correct, t) => {
      total += Math.log(correct ? predictions[t] : 1 - predictions[t]);
    });
  }
  return total;
}

/**
 * Maximum-likelihood fit in two stages: a bounded grid search (5 points per parameter, spread
 * evenly inside each bound) picks the starting point with the best log-likelihood, which avoids the
 * poor local optima EM can fall into; then Baum–Welch EM for this two-state hidden Markov model
 * refines it, every M-step projected back into the bounds, until the log-likelihood gain falls
 * below the tolerance.
 */
export function fitBkt(
  sequences: readonly (readonly boolean[])[],
  options: BktFitOptions = {},
): BktFit {
  const bounds = options.bounds ?? DEFAULT_BKT_BOUNDS;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  let best = bestGridPoint(sequences, bounds);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const params = emStep(sequences, best.params, bounds);
    const logLikelihood = bktLogLikelihood(sequences, params);
    const gain = logLikelihood - best.logLikelihood;
    if (gain > 0) best = { params, logLikelihood };
    if (gain < tolerance) break;
  }
  return { ...best, iterations };
}

/** Simulated answers: each student's knowledge follows the BKT process with the given parameters. */
export function simulateBktPopulation(
  params: BktParams,
  students: number,
  answersPerStudent: number,
  random: Random,
): boolean[][] {
  return Array.from({ length: students }, () => {
    let known = random() < params.pInit;
    return Array.from({ length: answersPerStudent }, () => {
      const correct = known ? random() >= params.pSlip : random() < params.pGuess;
      known = known || random() < params.pLearn;
      return correct;
    });
  });
}

function emission(known: boolean, correct: boolean, params: BktParams): number {
  if (known) return correct ? 1 - params.pSlip : params.pSlip;
  return correct ? params.pGuess : 1 - params.pGuess;
}

function learn(pKnown: number, params: BktParams): number {
  return pKnown + (1 - pKnown) * params.pLearn;
}

function bestGridPoint(
  sequences: readonly (readonly boolean[])[],
  bounds: BktBounds,
): { params: BktParams; logLikelihood: number } {
  let best = { params: midpoint(bounds), logLikelihood: Number.NEGATIVE_INFINITY };
  for (const params of gridPoints(bounds)) {
    const logLikelihood = bktLogLikelihood(sequences, params);
    if (logLikelihood > best.logLikelihood) best = { params, logLikelihood };
  }
  return best;
}

function midpoint(bounds: BktBounds): BktParams {
  const [pInit, pLearn, pSlip, pGuess] = PARAM_NAMES.map(
    (name) => (bounds[name][0] + bounds[name][1]) / 2,
  );
  return { pInit, pLearn, pSlip, pGuess };
}

function gridPoints(bounds: BktBounds): BktParams[] {
  const axis = (name: keyof BktParams): number[] => {
    const [low, high] = bounds[name];
    return Array.from(
      { length: GRID_POINTS_PER_PARAM },
      (_, k) => low + ((high - low) * (k + 0.5)) / GRID_POINTS_PER_PARAM,
    );
  };
  const points: BktParams[] = [];
  for (const pInit of axis('pInit'))
    for (const pLearn of axis('pLearn'))
      for (const pSlip of axis('pSlip'))
        for (const pGuess of axis('pGuess')) points.push({ pInit, pLearn, pSlip, pGuess });
  return points;
}

/** Expected counts gathered by the E-step, summed over all sequences. */
interface ExpectedCounts {
  knownAtStart: number;
  sequences: number;
  learned: number;
  learnOpportunities: number;
  guessed: number;
  unknownAnswers: number;
  slipped: number;
  knownAnswers: number;
}

function emStep(
  sequences: readonly (readonly boolean[])[],
  params: BktParams,
  bounds: BktBounds,
): BktParams {
  const counts: ExpectedCounts = {
    knownAtStart: 0,
    sequences: 0,
    learned: 0,
    learnOpportunities: 0,
    guessed: 0,
    unknownAnswers: 0,
    slipped: 0,
    knownAnswers: 0,
  };
  for (const answers of sequences) if (answers.length > 0) accumulate(counts, answers, params);
  const ratio = (name: keyof BktParams, numerator: number, denominator: number): number =>
    clamp(denominator > 0 ? numerator / denominator : params[name], ...bounds[name]);
  return {
    pInit: ratio('pInit', counts.knownAtStart, counts.sequences),
    pLearn: ratio('pLearn', counts.learned, counts.learnOpportunities),
    pSlip: ratio('pSlip', counts.slipped, counts.knownAnswers),
    pGuess: ratio('pGuess', counts.guessed, counts.unknownAnswers),
  };
}

/**
 * Scaled forward–backward for one sequence. The forward probabilities are the BKT filter itself
 * (posterior P(known | answers so far), scaled by the predicted probability of each answer); the
 * backward pass uses the same scale factors, so γ and ξ come out normalised.
 */
function accumulate(counts: ExpectedCounts, answers: readonly boolean[], params: BktParams): void {
  const filtered: number[] = [];
  const scale: number[] = [];
  let prior = params.pInit;
  for (const correct of answers) {
    const pCorrect = predictCorrect(prior, params);
    scale.push(correct ? pCorrect : 1 - pCorrect);
    const posterior = posteriorKnown(prior, correct, params);
    filtered.push(posterior);
    prior = learn(posterior, params);
  }
  // β̂_t(i) = P(answers after t | state i at t) / (scale of those answers), starting at 1.
  let backKnown = 1;
  let backUnknown = 1;
  for (let t = answers.length - 1; t >= 0; t--) {
    const known = filtered[t] * backKnown;
    const unknown = (1 - filtered[t]) * backUnknown;
    counts.knownAnswers += known;
    counts.unknownAnswers += unknown;
    if (answers[t]) counts.guessed += unknown;
    else counts.slipped += known;
    if (t === 0) {
      counts.knownAtStart += known;
      counts.sequences++;
      break;
    }
    const intoKnown = (emission(true, answers[t], params) * backKnown) / scale[t];
    const intoUnknown = (emission(false, answers[t], params) * backUnknown) / scale[t];
    const previousUnknown = 1 - filtered[t - 1];
    backKnown = intoKnown;
    backUnknown = params.pLearn * intoKnown + (1 - params.pLearn) * intoUnknown;
    counts.learned += previousUnknown * params.pLearn * intoKnown;
    counts.learnOpportunities += previousUnknown * backUnknown;
  }
}
