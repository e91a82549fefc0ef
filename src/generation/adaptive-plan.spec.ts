import { planAdaptiveGeneration, targetDifficultyFor, topicStrength } from './adaptive-plan';

const estimate = (topic: string, fields: Partial<Parameters<typeof topicStrength>[0]> = {}) => ({
  topic,
  theta: 0,
  answers: 0,
  mastery: null,
  recall: null,
  ...fields,
});

describe('targetDifficultyFor (Rasch: b = θ − ln(p / (1 − p)))', () => {
  it('puts a 70 % target for an average student at −ln(7/3) logits', () => {
    const target = targetDifficultyFor(0, 0.7);
    expect(target.logit).toBeCloseTo(-Math.log(7 / 3), 12);
    expect(target.fraction).toBeCloseTo(0.3, 12);
    expect(target.level).toBe('easy');
  });

  it('puts a 50 % target at the student’s ability', () => {
    expect(targetDifficultyFor(1.2, 0.5)).toEqual({
      logit: 1.2,
      fraction: 1 / (1 + Math.exp(-1.2)),
      level: 'hard',
    });
    expect(targetDifficultyFor(0.3, 0.5).level).toBe('medium');
  });
});

describe('planAdaptiveGeneration', () => {
  it('weighs mastery by predicted recall, 0.5 before any answer', () => {
    expect(topicStrength(estimate('a'))).toBe(0.5);
    expect(topicStrength(estimate('a', { mastery: 0.8, recall: 0.5 }))).toBeCloseTo(0.4, 12);
  });

  it('asks for the weakest topics first and shares the count out', () => {
    const plan = planAdaptiveGeneration(
      [
        estimate('strong', { mastery: 0.9, theta: 2, answers: 10 }),
        estimate('forgotten', { mastery: 0.9, recall: 0.3, theta: 2, answers: 10 }),
        estimate('weak', { mastery: 0.2, theta: -2, answers: 6 }),
        estimate('new'),
      ],
      { count: 5, targetSuccess: 0.7, maxTopics: 3 },
    );
    expect(plan.map((p) => [p.topic, p.count])).toEqual([
      ['weak', 2],
      ['forgotten', 2],
      ['new', 1],
    ]);
    expect(plan[0].targetDifficulty.logit).toBeCloseTo(-2 - Math.log(7 / 3), 12);
    expect(plan[0].estimate.strength).toBeCloseTo(0.2, 12);
  });

  it('never plans more topics than questions, and nothing for no topics', () => {
    expect(
      planAdaptiveGeneration([estimate('a'), estimate('b')], { count: 1, targetSuccess: 0.7 }),
    ).toHaveLength(1);
    expect(planAdaptiveGeneration([], { count: 4, targetSuccess: 0.7 })).toEqual([]);
    expect(() => planAdaptiveGeneration([], { count: 1, targetSuccess: 1 })).toThrow(RangeError);
  });
});
