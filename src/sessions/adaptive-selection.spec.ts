import { probabilityCorrect, updateAbility } from '../common/stats';
import { pickAdaptiveQuestion, PoolQuestion } from './adaptive-selection';

const q = (id: string, topic: string, difficulty: number, answered = false): PoolQuestion => ({
  id,
  topic,
  difficulty,
  answered,
});

describe('pickAdaptiveQuestion', () => {
  it('with one topic, picks the question whose Rasch success σ(θ − b) is closest to the target', () => {
    // θ = 1: σ(1 − b) for b = −1, 0, 0.15, 1, 2 is 0.881, 0.731, 0.700, 0.5, 0.269.
    const pool = [
      q('a', 't', -1),
      q('b', 't', 0),
      q('c', 't', 0.15),
      q('d', 't', 1),
      q('e', 't', 2),
    ];
    expect(pickAdaptiveQuestion(pool, () => 1, 0.7)?.id).toBe('c');
    // At a 50 % target the question with b = θ wins.
    expect(pickAdaptiveQuestion(pool, () => 1, 0.5)?.id).toBe('d');
    // At 88 % the easiest one (σ(2) = 0.881).
    expect(pickAdaptiveQuestion(pool, () => 1, 0.88)?.id).toBe('a');
  });

  it('uses each topic’s own ability: the same b is easy in a strong topic and hard in a weak one', () => {
    const theta = (topic: string) => (topic === 'algebra' ? 2 : -2);
    // Predicted success: algebra b=1 → σ(1) = 0.731; geometry b=−3 → σ(1) = 0.731; algebra b=3 → σ(−1) = 0.269;
    // geometry b=−2.85 → σ(0.85) = 0.700 (closest to 70 %).
    const pool = [
      q('alg-1', 'algebra', 1),
      q('geo-1', 'geometry', -3),
      q('alg-3', 'algebra', 3),
      q('geo-2', 'geometry', -2.85),
    ];
    const picked = pickAdaptiveQuestion(pool, theta, 0.7)!;
    expect(picked.id).toBe('geo-2');
    expect(probabilityCorrect(theta(picked.topic), picked.difficulty)).toBeCloseTo(0.7, 2);
  });

  it('skips answered questions and returns undefined when none is left', () => {
    const pool = [q('a', 't', 0.15, true), q('b', 't', 2)];
    expect(pickAdaptiveQuestion(pool, () => 1, 0.7)?.id).toBe('b');
    expect(pickAdaptiveQuestion([q('a', 't', 0, true)], () => 0, 0.7)).toBeUndefined();
  });

  it('returns the caller’s object, with its own fields', () => {
    const pool = [{ ...q('a', 't', 0), extra: 42 }];
    expect(pickAdaptiveQuestion(pool, () => 0, 0.7)?.extra).toBe(42);
  });
});

describe('adaptive session simulation (Elo updates + per-topic selection)', () => {
  /**
   * A simulated student with true ability `trueTheta` answers 15 questions of a 61-question pool
   * (b = −3 … +3) deterministically: correct exactly when the Rasch success chance is at least 50 %.
   * Returns the difficulties served.
   */
  function run(trueTheta: number): number[] {
    const pool = Array.from({ length: 61 }, (_, i) => ({
      ...q(`q${i}`, 'topic', -3 + i / 10),
      answers: 0,
    }));
    let student = { theta: 0, answers: 0 };
    const served: number[] = [];
    for (let round = 0; round < 15; round++) {
      const next = pickAdaptiveQuestion(pool, () => student.theta, 0.7)!;
      served.push(next.difficulty);
      const correct = probabilityCorrect(trueTheta, next.difficulty) >= 0.5 ? 1 : 0;
      const step = updateAbility(student, next, correct);
      student = step.student;
      next.answered = true;
    }
    return served;
  }

  it('serves a strong student harder questions than a weak one', () => {
    const strong = run(2);
    const weak = run(-2);
    const meanOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    // The first question is the same for both (θ = 0 prior): b = −ln(0.7/0.3) ≈ −0.85 → the pool's −0.8.
    expect(strong[0]).toBeCloseTo(-0.8, 10);
    expect(weak[0]).toBeCloseTo(-0.8, 10);
    expect(meanOf(strong.slice(5))).toBeGreaterThan(0.5);
    expect(meanOf(weak.slice(5))).toBeLessThan(-2);
    for (let i = 5; i < 15; i++) expect(strong[i]).toBeGreaterThan(weak[i]);
  });
});
