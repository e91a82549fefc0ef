import { forgetting_curve } from 'ts-fsrs';
import { applyExamDate, type ExamRuleInput } from './exam-date';

const DAY = 86_400_000;
const reviewedAt = new Date('2025-05-01T09:00:00.000Z');
const at = (days: number) => new Date(reviewedAt.getTime() + days * DAY);
// FSRS-6 forgetting curve with the default decay w20 = 0.1542:
// R(t, S) = (1 + f·t/S)^(−0.1542), f = 0.9^(−1/0.1542) − 1 = 0.98046, so R(S, S) = 0.9.
const DECAY = 0.1542;
const recall = (t: number, s: number) => forgetting_curve(DECAY, t, s);

function rule(overrides: Partial<ExamRuleInput>): ExamRuleInput {
  return {
    reviewedAt,
    dueAt: at(30),
    examAt: at(40),
    stability: 30,
    desiredRetention: 0.9,
    recall,
    // A simple hand-checkable growth: a Good review d days later leaves S' = 2d.
    stabilityAfterReview: (d) => 2 * d,
    ...overrides,
  };
}

describe('applyExamDate', () => {
  it('keeps a due date before the exam', () => {
    const result = applyExamDate(rule({ dueAt: at(25), stability: 25 }));
    expect(result).toMatchObject({ dueAt: at(25), shortened: false });
  });

  it('pulls in a due date past the exam when recall at the exam would fall below the target', () => {
    // S = 30, exam in 40 days: R(40, 30) = (1 + 0.98046·40/30)^−0.1542 = 2.30728^−0.1542 = 0.8790 < 0.9.
    // Review on day d: R(40 − d, 2d) ≥ 0.9 ⇔ 40 − d ≤ 2d ⇔ d ≥ 13.3, so day 14
    // (R(26, 28) = 0.9050; day 13: R(27, 26) = 0.8974).
    const result = applyExamDate(rule({ dueAt: at(45) }));
    expect(result.recallAtExam).toBeCloseTo(0.879, 3);
    expect(result).toMatchObject({ dueAt: at(14), shortened: true });
  });

  it('pulls in by the same rule for a closer exam', () => {
    // Exam in 32 days: R(32, 30) = 2.04582^−0.1542 = 0.8955 < 0.9;
    // 32 − d ≤ 2d ⇔ d ≥ 10.7 → day 11 (R(21, 22) = 0.9032; day 10: R(22, 20) = 0.8933).
    const result = applyExamDate(rule({ dueAt: at(33), examAt: at(32) }));
    expect(result.recallAtExam).toBeCloseTo(0.8955, 3);
    expect(result).toMatchObject({ dueAt: at(11), shortened: true });
  });

  it('keeps a due date past the exam when recall at the exam still meets the target', () => {
    // Target 0.85: R(40, 30) = 0.8790 ≥ 0.85.
    const result = applyExamDate(rule({ dueAt: at(45), desiredRetention: 0.85 }));
    expect(result).toMatchObject({ dueAt: at(45), shortened: false });
  });

  it('falls back to the last whole day before the exam, and leaves an exam under a day away', () => {
    const weak = applyExamDate(rule({ dueAt: at(45), stabilityAfterReview: () => 1 }));
    expect(weak).toMatchObject({ dueAt: at(39), shortened: true });
    const tomorrow = applyExamDate(rule({ dueAt: at(3), examAt: at(0.5), stability: 0.1 }));
    expect(tomorrow).toMatchObject({ dueAt: at(3), shortened: false });
  });
});
