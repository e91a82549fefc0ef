import { type BktParams, fitBkt, predictCorrect, updateKnowledge } from './bkt';

/**
 * Bayesian Knowledge Tracing for one student, from their own answer history: each topic's answers
 * in time order form one sequence (one skill), and the four parameters are fitted on all of the
 * student's sequences together: the individualised BKT of Yudelson, Koedinger & Gordon (2013,
 * "Individualized Bayesian Knowledge Tracing Models", AIED), here with one parameter set per
 * student shared by their topics. A student with too little history gets the default prior.
 */

/**
 * The default for new students: the population the calibration script simulates
 * (scripts/calibration/bkt.ts), where fitting recovers these values. Guess 0.25 is a
 * four-option multiple-choice question answered blindly.
 */
export const DEFAULT_BKT_PRIOR: BktParams = { pInit: 0.3, pLearn: 0.1, pSlip: 0.1, pGuess: 0.25 };

export interface StudentBktOptions {
  /** Fewest answers, over all topics, before the student's own parameters are fitted (default 40). */
  minAnswersToFit?: number;
  /** Fewest topics with at least two answers before fitting (default 2). */
  minSequencesToFit?: number;
  /** Answers kept per topic, the most recent ones (default 1000): bounds memory and fitting time. */
  maxAnswersPerTopic?: number;
}

export interface StudentBktModel {
  params: BktParams;
  source: 'fitted' | 'default-prior';
  answers: number;
  sequences: number;
  logLikelihood: number | undefined;
}

export interface SuccessForecast {
  /** P(the skill is known) after the topic's answers so far. */
  pKnown: number;
  /** P(the next answer on the topic is correct). */
  probability: number;
  answers: number;
}

const DEFAULTS: Required<StudentBktOptions> = {
  minAnswersToFit: 40,
  minSequencesToFit: 2,
  maxAnswersPerTopic: 1000,
};

/** Per-topic answer sequences gathered from a time-ordered stream, the most recent kept. */
export class TopicSequences {
  private readonly topics = new Map<string, boolean[]>();
  private readonly cap: number;

  constructor(maxAnswersPerTopic = DEFAULTS.maxAnswersPerTopic) {
    if (!(Number.isInteger(maxAnswersPerTopic) && maxAnswersPerTopic >= 1)) {
      throw new RangeError('maxAnswersPerTopic must be a positive integer');
    }
    this.cap = maxAnswersPerTopic;
  }

  add(topic: string, correct: boolean): void {
    let sequence = this.topics.get(topic);
    if (!sequence) {
      sequence = [];
      this.topics.set(topic, sequence);
    }
    sequence.push(correct);
    if (sequence.length > this.cap) sequence.shift();
  }

  of(topic: string): readonly boolean[] {
    return this.topics.get(topic) ?? [];
  }

  all(): boolean[][] {
    return [...this.topics.values()];
  }
}

/** The student's parameters: fitted on their sequences when there is enough history, else the prior. */
export function studentBktModel(
  sequences: readonly (readonly boolean[])[],
  options: StudentBktOptions = {},
): StudentBktModel {
  const settings = { ...DEFAULTS, ...options };
  const answers = sequences.reduce((total, s) => total + s.length, 0);
  const usable = sequences.filter((s) => s.length >= 2).length;
  if (answers < settings.minAnswersToFit || usable < settings.minSequencesToFit) {
    return {
      params: DEFAULT_BKT_PRIOR,
      source: 'default-prior',
      answers,
      sequences: sequences.length,
      logLikelihood: undefined,
    };
  }
  const fit = fitBkt(sequences);
  return {
    params: fit.params,
    source: 'fitted',
    answers,
    sequences: sequences.length,
    logLikelihood: fit.logLikelihood,
  };
}

/** The forward filter over one topic's answers, then the forecast for the next answer. */
export function forecastNextAnswer(
  answers: readonly boolean[],
  params: BktParams,
): SuccessForecast {
  let pKnown = params.pInit;
  for (const correct of answers) pKnown = updateKnowledge(pKnown, correct, params);
  return { pKnown, probability: predictCorrect(pKnown, params), answers: answers.length };
}
