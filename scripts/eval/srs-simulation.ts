import {
  clipParameters,
  default_w,
  type FSRSState,
  FSRSAlgorithm,
  generatorParameters,
} from 'ts-fsrs';
import type { Random } from '../../src/common/random/seeded-random';
import { median } from '../../src/common/stats';
import { gradeFromAnswer } from '../../src/reviews/schedulers/answer-grade';
import type { ReviewGrade } from '../../src/reviews/schedulers/grades';

/** One simulated review: the card, the student's day, the grade logged and whether it was recalled. */
export interface SimulatedReview {
  card: number;
  day: number;
  grade: ReviewGrade;
  recalled: boolean;
  source: 'self' | 'answer';
}

export interface SimulationOptions {
  days: number;
  /** New cards per day during the first `learnDays` days. */
  newPerDay: number;
  learnDays: number;
  /** Share of the reviews (after a card's first) that are graded answers instead of self-grades. */
  answerShare: number;
}

export function normal(random: Random): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Ground-truth FSRS-6 parameters of one student: the published defaults, each multiplied by a
 * log-normal factor (σ = 0.3), the decay w20 drawn around 0.1542 (σ = 0.4 in log space), then
 * clipped to the ranges FSRS allows.
 */
export function drawStudentParameters(random: Random): number[] {
  const w = default_w.map((value) => value * Math.exp(0.3 * normal(random)));
  w[20] = Math.min(0.8, Math.max(0.1, default_w[20] * Math.exp(0.4 * normal(random))));
  return clipParameters(w, 1, true);
}

const engines = new Map<string, FSRSAlgorithm>();
export function engineFor(w: readonly number[]): FSRSAlgorithm {
  const key = w.join(',');
  let engine = engines.get(key);
  if (!engine) {
    engine = new FSRSAlgorithm(generatorParameters({ w: [...w], enable_fuzz: false }));
    if (engines.size > 50) engines.clear();
    engines.set(key, engine);
  }
  return engine;
}

/**
 * A student studying with FSRS at its default parameters (retention 0.9): new cards each day,
 * due cards reviewed on time with probability 0.8, else 1–3 days late. Recall is drawn from the
 * student's true forgetting curve; the self-grade follows a rating model (Again when forgotten;
 * when recalled, Hard more likely the weaker the memory, Easy more likely the stronger). A graded
 * answer's grade comes from correctness and a response time that lengthens as recall weakens,
 * through the product's own rule (gradeFromAnswer, against the student's running median).
 */
export function simulateStudent(
  truth: readonly number[],
  options: SimulationOptions,
  random: Random,
): SimulatedReview[] {
  const real = engineFor(truth);
  const app = engineFor(default_w);
  const speed = 8_000 * Math.exp(0.3 * normal(random));
  const answerTimes: number[] = [];
  const cards: { truth: FSRSState | null; app: FSRSState | null; last: number; due: number }[] = [];
  const reviews: SimulatedReview[] = [];
  for (let day = 0; day < options.days; day++) {
    if (day < options.learnDays) {
      for (let i = 0; i < options.newPerDay; i++)
        cards.push({ truth: null, app: null, last: day, due: day });
    }
    cards.forEach((card, index) => {
      if (card.due > day) return;
      if (card.truth && random() > 0.8) {
        card.due = day + 1 + Math.floor(random() * 3);
        return;
      }
      const t = day - card.last;
      const r = card.truth ? real.forgetting_curve(t, card.truth.stability) : 0;
      let grade: ReviewGrade;
      let recalled: boolean;
      let source: SimulatedReview['source'] = 'self';
      if (!card.truth) {
        const u = random();
        grade = u < 0.2 ? 1 : u < 0.3 ? 2 : u < 0.9 ? 3 : 4;
        recalled = grade > 1;
      } else {
        recalled = random() < r;
        if (random() < options.answerShare) {
          source = 'answer';
          const time = speed * Math.exp(0.35 * normal(random)) * (1 + 2 * (1 - r));
          grade = gradeFromAnswer(recalled, time, median(answerTimes) ?? null);
          answerTimes.push(time);
        } else if (!recalled) {
          grade = 1;
        } else {
          const u = random();
          const hard = 0.05 + 0.6 * (1 - r);
          const easy = 0.03 + 0.5 * Math.max(0, r - 0.9);
          grade = u < hard ? 2 : u < hard + easy ? 4 : 3;
        }
      }
      reviews.push({ card: index, day, grade, recalled, source });
      card.truth = real.next_state(card.truth, t, grade);
      card.app = app.next_state(card.app, t, grade);
      card.last = day;
      card.due = day + Math.max(1, Math.round(card.app.stability));
    });
  }
  return reviews;
}
