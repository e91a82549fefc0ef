import { seededRandom } from '../common/random/seeded-random';
import { predictSequence, simulateBktPopulation, type BktParams } from './bkt';
import {
  DEFAULT_BKT_PRIOR,
  forecastNextAnswer,
  studentBktModel,
  TopicSequences,
} from './student-bkt';

describe('student BKT', () => {
  it('forecasts a new topic from the prior: P = pInit(1 − slip) + (1 − pInit)·guess', () => {
    // 0.3 × 0.9 + 0.7 × 0.25 = 0.27 + 0.175 = 0.445
    expect(forecastNextAnswer([], DEFAULT_BKT_PRIOR)).toEqual({
      pKnown: 0.3,
      probability: expect.closeTo(0.445, 12),
      answers: 0,
    });
  });

  it('filters the topic’s answers forward, as predictSequence does for the next position', () => {
    const params: BktParams = { pInit: 0.3, pLearn: 0.1, pSlip: 0.1, pGuess: 0.2 };
    const answers = [true, false, true, true];
    const forecast = forecastNextAnswer(answers, params);
    // The forecast after n answers is the n-th prediction of the sequence extended by one answer.
    expect(forecast.probability).toBeCloseTo(predictSequence([...answers, true], params)[4], 12);
    // By hand for one correct answer: P(L) = 0.6926829, P = 0.6926829 × 0.9 + 0.3073171 × 0.2
    expect(forecastNextAnswer([true], params).probability).toBeCloseTo(0.684878, 6);
  });

  it('keeps the default prior until there is enough history', () => {
    const few = studentBktModel([[true, false, true], [true]]);
    expect(few).toMatchObject({ source: 'default-prior', params: DEFAULT_BKT_PRIOR, answers: 4 });
    const oneTopic = studentBktModel([Array.from({ length: 60 }, (_, i) => i % 3 !== 0)]);
    expect(oneTopic.source).toBe('default-prior');
  });

  it('recovers a simulated student population’s parameters when fitting', () => {
    const truth: BktParams = { pInit: 0.2, pLearn: 0.15, pSlip: 0.08, pGuess: 0.2 };
    const sequences = simulateBktPopulation(truth, 300, 25, seededRandom(7));
    const model = studentBktModel(sequences);
    expect(model.source).toBe('fitted');
    expect(model.params.pInit).toBeCloseTo(truth.pInit, 1);
    expect(model.params.pLearn).toBeCloseTo(truth.pLearn, 1);
    expect(model.params.pSlip).toBeCloseTo(truth.pSlip, 1);
    expect(model.params.pGuess).toBeCloseTo(truth.pGuess, 1);
    expect(model.logLikelihood).toBeLessThan(0);
  });

  it('keeps only the most recent answers of a topic', () => {
    const sequences = new TopicSequences(3);
    for (const correct of [false, false, true, true, true]) sequences.add('cells', correct);
    sequences.add('genes', false);
    expect(sequences.of('cells')).toEqual([true, true, true]);
    expect(sequences.of('unknown')).toEqual([]);
    expect(sequences.all()).toEqual([[true, true, true], [false]]);
    expect(() => new TopicSequences(0)).toThrow(RangeError);
  });
});
