import fc from 'fast-check';
import { seededRandom } from '../common/random/seeded-random';
import { mean } from '../common/stats';
import {
  type BktParams,
  bktLogLikelihood,
  DEFAULT_BKT_BOUNDS,
  fitBkt,
  posteriorKnown,
  predictCorrect,
  predictSequence,
  simulateBktPopulation,
  updateKnowledge,
} from './bkt';

const params: BktParams = { pInit: 0.3, pLearn: 0.1, pSlip: 0.1, pGuess: 0.2 };

describe('BKT update (Corbett & Anderson 1995)', () => {
  it('predicts P(correct) = P(L)(1 − s) + (1 − P(L))g', () => {
    // 0.3 × 0.9 + 0.7 × 0.2 = 0.27 + 0.14 = 0.41
    expect(predictCorrect(0.3, params)).toBeCloseTo(0.41, 12);
  });

  it('updates after a correct answer', () => {
    // posterior = 0.27 / 0.41 = 0.6585366; then + (1 − 0.6585366) × 0.1 = 0.6926829
    expect(posteriorKnown(0.3, true, params)).toBeCloseTo(0.6585366, 7);
    expect(updateKnowledge(0.3, true, params)).toBeCloseTo(0.6926829, 7);
  });

  it('updates after a wrong answer', () => {
    // posterior = 0.3 × 0.1 / (0.03 + 0.7 × 0.8) = 0.03 / 0.59 = 0.0508475; + 0.9491525 × 0.1 = 0.1457627
    expect(posteriorKnown(0.3, false, params)).toBeCloseTo(0.0508475, 7);
    expect(updateKnowledge(0.3, false, params)).toBeCloseTo(0.1457627, 7);
  });

  it('predicts each answer from the ones before it, and scores them by log-likelihood', () => {
    // first prediction uses pInit (0.41); the second uses P(L) = 0.6926829 after a correct answer:
    // 0.6926829 × 0.9 + 0.3073171 × 0.2 = 0.6234146 + 0.0614634 = 0.6848780
    const predictions = predictSequence([true, false], params);
    expect(predictions[0]).toBeCloseTo(0.41, 7);
    expect(predictions[1]).toBeCloseTo(0.684878, 6);
    expect(bktLogLikelihood([[true, false]], params)).toBeCloseTo(
      Math.log(0.41) + Math.log(1 - 0.684878),
      6,
    );
  });

  it('never lowers knowledge after a correct answer nor raises it after a wrong one', () => {
    const probability = fc.double({ min: 0.001, max: 0.999, noNaN: true });
    const bounded = fc.double({ min: 0.001, max: 0.45, noNaN: true });
    fc.assert(
      fc.property(probability, probability, bounded, bounded, (pKnown, pLearn, pSlip, pGuess) => {
        const p = { pInit: pKnown, pLearn, pSlip, pGuess };
        expect(posteriorKnown(pKnown, true, p)).toBeGreaterThanOrEqual(pKnown - 1e-12);
        expect(posteriorKnown(pKnown, false, p)).toBeLessThanOrEqual(pKnown + 1e-12);
        const next = updateKnowledge(pKnown, true, p);
        expect(next).toBeGreaterThanOrEqual(0);
        expect(next).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('simulateBktPopulation', () => {
  it('is reproducible and follows the parameters on average', () => {
    const truth: BktParams = { pInit: 0.5, pLearn: 0, pSlip: 0.1, pGuess: 0.3 };
    const a = simulateBktPopulation(truth, 2000, 5, seededRandom(7));
    expect(simulateBktPopulation(truth, 2000, 5, seededRandom(7))).toEqual(a);
    expect(a).toHaveLength(2000);
    expect(a[0]).toHaveLength(5);
    // Without learning, P(correct) = 0.5 × 0.9 + 0.5 × 0.3 = 0.6 for every answer.
    const rate = mean(a.map((answers) => (answers[0] ? 1 : 0))) ?? 0;
    expect(rate).toBeGreaterThan(0.57);
    expect(rate).toBeLessThan(0.63);
  });
});

describe('fitBkt', () => {
  const truth: BktParams = { pInit: 0.25, pLearn: 0.12, pSlip: 0.08, pGuess: 0.2 };
  const data = simulateBktPopulation(truth, 1000, 25, seededRandom(1995));
  const fit = fitBkt(data);

  // Tolerance: each parameter within ±0.03 of the truth for 1,000 students × 25 answers
  // (seeds 1–5 gave errors up to 0.013).
  it.each(Object.keys(truth) as (keyof BktParams)[])('recovers %s within ±0.03', (name) => {
    expect(Math.abs(fit.params[name] - truth[name])).toBeLessThanOrEqual(0.03);
  });

  it('finds a likelihood at least as high as the generating parameters', () => {
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bktLogLikelihood(data, truth));
    expect(fit.logLikelihood).toBeCloseTo(bktLogLikelihood(data, fit.params), 8);
  });

  it('keeps guess and slip inside their bounds, below 0.5', () => {
    // All-wrong answers from students who never learn would pull slip towards 1 without bounds.
    const stubborn = Array.from({ length: 50 }, () => [false, false, true, false, false]);
    const bounded = fitBkt(stubborn);
    expect(bounded.params.pSlip).toBeLessThanOrEqual(DEFAULT_BKT_BOUNDS.pSlip[1]);
    expect(bounded.params.pGuess).toBeLessThanOrEqual(DEFAULT_BKT_BOUNDS.pGuess[1]);
    for (const [name, [low, high]] of Object.entries(DEFAULT_BKT_BOUNDS)) {
      expect(bounded.params[name as keyof BktParams]).toBeGreaterThanOrEqual(low);
      expect(bounded.params[name as keyof BktParams]).toBeLessThanOrEqual(high);
    }
  });
});
