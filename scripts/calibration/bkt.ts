/**
 * Fits BKT on a simulated population with known parameters and scores its forecasts on held-out
 * students against the generating parameters and a constant base rate.
 * Run: npx tsx scripts/calibration/bkt.ts
 */
import { seededRandom } from '../../src/common/random/seeded-random';
import { mean } from '../../src/common/stats';
import {
  type BktParams,
  fitBkt,
  predictSequence,
  simulateBktPopulation,
} from '../../src/predictions/bkt';
import { auc, brierScore, logLoss, type Prediction } from '../../src/predictions/calibration';

const TRUTH: BktParams = { pInit: 0.3, pLearn: 0.1, pSlip: 0.1, pGuess: 0.25 };
const STUDENTS = 2000;
const ANSWERS_PER_STUDENT = 20;
const HELD_OUT_SHARE = 0.2;
const SEED = 1995;

type Forecaster = (answers: readonly boolean[]) => number[];

function score(
  name: string,
  sequences: readonly (readonly boolean[])[],
  forecast: Forecaster,
): string {
  const predictions: Prediction[] = sequences.flatMap((answers) =>
    forecast(answers).map((probability, t) => ({ probability, outcome: answers[t] })),
  );
  const cells = [logLoss(predictions), brierScore(predictions), auc(predictions)].map(
    (value) => value?.toFixed(4).padStart(10) ?? '         –',
  );
  return `${name.padEnd(22)}${cells.join('')}`;
}

function formatParams(params: BktParams): string {
  return Object.entries(params)
    .map(([name, value]) => `${name}=${value.toFixed(3)}`)
    .join('  ');
}

function main(): void {
  const population = simulateBktPopulation(
    TRUTH,
    STUDENTS,
    ANSWERS_PER_STUDENT,
    seededRandom(SEED),
  );
  const trainingSize = Math.round(STUDENTS * (1 - HELD_OUT_SHARE));
  const training = population.slice(0, trainingSize);
  const heldOut = population.slice(trainingSize);

  const started = performance.now();
  const fit = fitBkt(training);
  const elapsed = performance.now() - started;
  const baseRate = mean(training.flat().map((correct) => (correct ? 1 : 0))) ?? 0.5;

  console.log(
    `BKT calibration: ${STUDENTS} simulated students × ${ANSWERS_PER_STUDENT} answers, seed ${SEED}`,
  );
  console.log(
    `training on ${training.length} students, evaluating on ${heldOut.length} held-out students`,
  );
  console.log(`true     ${formatParams(TRUTH)}`);
  console.log(`fitted   ${formatParams(fit.params)}`);
  console.log(
    `fit: log-likelihood ${fit.logLikelihood.toFixed(2)}, ${fit.iterations} EM iterations, ${elapsed.toFixed(0)} ms`,
  );
  console.log('');
  console.log(
    `${'held-out forecasts'.padEnd(22)}${'log loss'.padStart(10)}${'Brier'.padStart(10)}${'AUC'.padStart(10)}`,
  );
  console.log(score('BKT, fitted', heldOut, (answers) => predictSequence(answers, fit.params)));
  console.log(score('BKT, true parameters', heldOut, (answers) => predictSequence(answers, TRUTH)));
  console.log(score('base rate', heldOut, (answers) => answers.map(() => baseRate)));
}

main();
