import { splitSentences } from '../common/text/sentences';

/**
 * The experiments sessions take part in, and how a variant's value changes the session.
 * Without a running experiment of the key, sessions behave as configured.
 */
export const SESSION_EXPERIMENTS = {
  /** Variant value: the adaptive target success rate, e.g. "0.7" or "0.8". */
  targetSuccess: 'adaptive-target-success',
  /** Variant value `brief`: after a wrong answer only the explanation's first sentence is shown. */
  explanationStyle: 'wrong-answer-explanation',
} as const;

/** A variant's target success rate, or undefined unless it is a number strictly between 0.5 and 1. */
export function targetSuccessOf(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^0?\.\d+$/.test(value.trim())) return undefined;
  const target = Number(value);
  return target > 0.5 && target < 1 ? target : undefined;
}

/** The explanation in the variant's style: `brief` keeps the first sentence, anything else all. */
export function explanationInStyle(explanation: string, style: string | null | undefined): string {
  if (style !== 'brief') return explanation;
  const [first] = splitSentences(explanation);
  return first ? explanation.slice(first.start, first.end) : explanation;
}
