import fc from 'fast-check';
import { seededRandom, type Random } from '../random/seeded-random';
import { mean } from './descriptive';
import {
  type DifficultyLevel,
  fractionToLogit,
  levelToLogit,
  logitToFraction,
  logitToLevel,
} from './difficulty-scale';
import {
  eloK,
  itemInformation,
  newItemDifficulty,
  newStudentAbility,
  probabilityCorrect,
  type QuestionCandidate,
  selectNextQuestion,
  updateAbility,
} from './ability';

describe('Rasch probability and information', () => {
  it('follows P = 1 / (1 + e^−(θ − b))', () => {
    expect(probabilityCorrect(0, 0)).toBe(0.5);
    // 1 / (1 + e^−1) = 0.7310586
    expect(probabilityCorrect(1, 0)).toBeCloseTo(0.7310586, 7);
    // 1 / (1 + e^2) = 1 / 8.3890561 = 0.1192029
    expect(probabilityCorrect(-1, 1)).toBeCloseTo(0.1192029, 7);
  });

  it('gives item information p(1 − p), at most 0.25 where θ = b', () => {
    expect(itemInformation(0.3, 0.3)).toBe(0.25);
    // 0.7310586 × 0.2689414 = 0.1966119
    expect(itemInformation(1, 0)).toBeCloseTo(0.1966119, 7);
    fc.assert(
      fc.property(
        fc.double({ min: -6, max: 6, noNaN: true }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        (theta, b) => {
          expect(itemInformation(theta, b)).toBeLessThanOrEqual(0.25);
        },
      ),
    );
  });
});

describe('Elo update (Pelánek 2016)', () => {
  it('shrinks K as U(n) = α / (1 + β·n)', () => {
    expect(eloK(0)).toBe(1);
    // 1 / (1 + 0.05 × 20) = 0.5
    expect(eloK(20)).toBe(0.5);
    // 0.8 / (1 + 0.1 × 10) = 0.4
    expect(eloK(10, { alpha: 0.8, beta: 0.1 })).toBeCloseTo(0.4, 12);
  });

  it('moves θ up and b down by K·(1 − P) after a correct answer', () => {
    // P = σ(1 − 0) = 0.7310586; K_student = U(0) = 1, K_item = U(20) = 0.5
    const result = updateAbility({ theta: 1, answers: 0 }, { difficulty: 0, answers: 20 }, 1);
    expect(result.expected).toBeCloseTo(0.7310586, 7);
    expect(result.student.theta).toBeCloseTo(1 + 0.2689414, 7);
    expect(result.item.difficulty).toBeCloseTo(-0.5 * 0.2689414, 7);
    expect(result.student.answers).toBe(1);
    expect(result.item.answers).toBe(21);
  });

  it('moves θ down and b up by K·P after a wrong answer, proportionally for partial credit', () => {
    const wrong = updateAbility({ theta: 1, answers: 0 }, { difficulty: 0, answers: 20 }, 0);
    expect(wrong.student.theta).toBeCloseTo(1 - 0.7310586, 7);
    expect(wrong.item.difficulty).toBeCloseTo(0.5 * 0.7310586, 7);
    const half = updateAbility({ theta: 1, answers: 0 }, { difficulty: 0, answers: 20 }, 0.5);
    expect(half.student.theta).toBeCloseTo(1 + (0.5 - 0.7310586), 7);
  });

  it('rejects outcomes outside [0, 1]', () => {
    expect(() => updateAbility(newStudentAbility(), newItemDifficulty(), 1.5)).toThrow(RangeError);
    expect(() => updateAbility(newStudentAbility(), newItemDifficulty(), Number.NaN)).toThrow(
      RangeError,
    );
  });

  it('never lowers θ or raises b after a correct answer, and the reverse after a wrong one', () => {
    const logits = fc.double({ min: -6, max: 6, noNaN: true });
    const counts = fc.nat({ max: 1000 });
    fc.assert(
      fc.property(logits, counts, logits, counts, fc.boolean(), (theta, n, b, m, correct) => {
        const { student, item } = updateAbility(
          { theta, answers: n },
          { difficulty: b, answers: m },
          correct ? 1 : 0,
        );
        const direction = correct ? 1 : -1;
        expect(direction * (student.theta - theta)).toBeGreaterThanOrEqual(0);
        expect(direction * (item.difficulty - b)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('selectNextQuestion', () => {
  const bank = (difficulties: number[]): QuestionCandidate[] =>
    difficulties.map((difficulty, index) => ({ id: `q${index}`, difficulty, answered: false }));

  it('picks the unanswered question whose success chance is closest to 70 %', () => {
    // θ = 0: P = 0.881, 0.731, 0.5, 0.269 → distances 0.181, 0.031, 0.2, 0.431
    const candidates = bank([-2, -1, 0, 1]);
    expect(selectNextQuestion(candidates, 0)?.difficulty).toBe(-1);
    candidates[1].answered = true;
    expect(selectNextQuestion(candidates, 0)?.difficulty).toBe(-2);
    // target 0.5 at θ = 0 is exactly b = 0
    expect(selectNextQuestion(candidates, 0, { targetSuccess: 0.5 })?.difficulty).toBe(0);
  });

  it('breaks ties by lower difficulty, then by id', () => {
    // θ = 0, target 0.5: b = −1 (P = 0.731) and b = +1 (P = 0.269) are equally far
    expect(selectNextQuestion(bank([1, -1]), 0, { targetSuccess: 0.5 })?.difficulty).toBe(-1);
    const same = [
      { id: 'b', difficulty: 0.2, answered: false },
      { id: 'a', difficulty: 0.2, answered: false },
    ];
    expect(selectNextQuestion(same, 0)?.id).toBe('a');
  });

  it('returns undefined when everything has been answered', () => {
    expect(selectNextQuestion([{ id: 'x', difficulty: 0, answered: true }], 0)).toBeUndefined();
    expect(selectNextQuestion([], 0)).toBeUndefined();
  });

  it('does not depend on the order of the candidates', () => {
    const difficulties = fc.array(
      fc.integer({ min: -30, max: 30 }).map((tenths) => tenths / 10),
      {
        minLength: 1,
        maxLength: 12,
      },
    );
    fc.assert(
      fc.property(difficulties, fc.double({ min: -3, max: 3, noNaN: true }), (values, theta) => {
        const candidates = bank(values);
        const reversed = [...candidates].reverse();
        expect(selectNextQuestion(reversed, theta)).toBe(selectNextQuestion(candidates, theta));
      }),
    );
  });
});

describe('difficulty scale', () => {
  it('maps a 0..1 fraction (chance an average student fails) to logits and back', () => {
    expect(fractionToLogit(0.5)).toBe(0);
    // ln(0.7 / 0.3) = 0.8472979
    expect(fractionToLogit(0.7)).toBeCloseTo(0.8472979, 7);
    // clamped to 0.01: ln(0.01 / 0.99) = −4.5951199
    expect(fractionToLogit(0)).toBeCloseTo(-4.5951199, 7);
    expect(fractionToLogit(1)).toBeCloseTo(4.5951199, 7);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), (fraction) => {
        expect(logitToFraction(fractionToLogit(fraction))).toBeCloseTo(fraction, 12);
      }),
    );
  });

  it('maps levels to logits and back with midpoints at ±0.75', () => {
    const levels: DifficultyLevel[] = ['easy', 'medium', 'hard'];
    expect(levels.map(levelToLogit)).toEqual([-1.5, 0, 1.5]);
    for (const level of levels) expect(logitToLevel(levelToLogit(level))).toBe(level);
    expect(logitToLevel(-0.76)).toBe('easy');
    expect(logitToLevel(-0.75)).toBe('medium');
    expect(logitToLevel(0.75)).toBe('medium');
    expect(logitToLevel(0.76)).toBe('hard');
  });
});

describe('adaptive practice simulation', () => {
  /** A student of true ability θ practises from a fresh 601-question bank (true b = −3 … +3, 0.01 apart). */
  function servedDifficulties(trueTheta: number, rounds: number, random: Random): number[] {
    let student = newStudentAbility();
    const candidates = Array.from({ length: 601 }, (_, i) => ({
      id: `q${i}`,
      trueDifficulty: -3 + i / 100,
      difficulty: -3 + i / 100,
      answers: 0,
      answered: false,
    }));
    const served: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const next = selectNextQuestion(candidates, student.theta);
      if (!next) break;
      served.push(next.trueDifficulty);
      const correct = random() < probabilityCorrect(trueTheta, next.trueDifficulty) ? 1 : 0;
      const update = updateAbility(student, next, correct);
      student = update.student;
      Object.assign(next, update.item, { answered: true });
    }
    return served;
  }

  it('serves a strong student (θ = +2) harder questions than a weak one (θ = −2)', () => {
    const random = seededRandom(2016);
    const averageFor = (theta: number): number =>
      mean(
        Array.from(
          { length: 20 },
          () => mean(servedDifficulties(theta, 30, random).slice(10)) ?? 0,
        ),
      ) ?? 0;
    const strong = averageFor(2);
    const weak = averageFor(-2);
    // At the 70 % target a calibrated estimate serves b ≈ θ − ln(0.7/0.3) = θ − 0.85, i.e. about
    // +1.15 and −2.85; after a 10-answer warm-up seeds 1–9 gave 0.72…1.01 and −2.72…−2.56.
    expect(strong).toBeGreaterThan(0.5);
    expect(weak).toBeLessThan(-2.3);
    expect(strong - weak).toBeGreaterThan(3);
  });
});
