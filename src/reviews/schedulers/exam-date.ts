import { addDays, daysBetween } from '../../common/stats';

export interface ExamRuleInput {
  /** The review just graded. */
  reviewedAt: Date;
  /** The due date the scheduler chose. */
  dueAt: Date;
  examAt: Date;
  /** Memory stability (days) after the review. */
  stability: number;
  desiredRetention: number;
  /** The model's forgetting curve R(t, S), t in days. */
  recall: (elapsedDays: number, stability: number) => number;
  /** Stability after a successful (Good) review held `elapsedDays` after `reviewedAt`. */
  stabilityAfterReview: (elapsedDays: number) => number;
}

export interface ExamRuleResult {
  dueAt: Date;
  /** True when the exam pulled the due date in. */
  shortened: boolean;
  /** Predicted recall at the exam if the card were not reviewed before it. */
  recallAtExam: number;
}

/**
 * Exam-date-aware scheduling. A due date on or before the exam is kept. A due date past the exam is
 * kept too when the predicted recall at the exam, R(exam − review, S), still reaches the desired
 * retention. Otherwise the next review moves before the exam: to the first whole day d after this
 * review from which one successful review keeps recall at the exam at or above the target,
 * R(exam − review − d, S'(d)) ≥ retention; the later the review, the higher the recall at the exam,
 * so the first such day is the longest interval that still protects the exam. When no day does,
 * the card is due on the last whole day before the exam.
 * With the scheduler's own due date and its desired retention as the target, recall at an exam
 * before the due date is above the target by construction; the rule moves cards whose due dates
 * drifted later (load balancing, new parameters, a lower retention), or all cards whose recall at
 * the exam falls below a higher target set for the exam.
 */
export function applyExamDate(input: ExamRuleInput): ExamRuleResult {
  const { reviewedAt, dueAt, examAt } = input;
  const daysToExam = daysBetween(reviewedAt, examAt);
  const recallAtExam = input.recall(Math.max(0, daysToExam), input.stability);
  const keep = { dueAt, shortened: false, recallAtExam };
  if (dueAt <= examAt || recallAtExam >= input.desiredRetention) return keep;
  const lastDay = Math.ceil(daysToExam) - 1;
  if (lastDay < 1) return keep;
  for (let d = 1; d <= lastDay; d++) {
    const atExam = input.recall(daysToExam - d, input.stabilityAfterReview(d));
    if (atExam >= input.desiredRetention) {
      return { dueAt: addDays(reviewedAt, d), shortened: true, recallAtExam };
    }
  }
  return { dueAt: addDays(reviewedAt, lastDay), shortened: true, recallAtExam };
}
