import { MasteryAccumulator, type MasteryOptions, type TopicMastery } from '../analytics/mastery';
import type { AnswerRecord } from '../analytics/records';
import type { CohortValue, TimePoint } from './statistics';

/** A finished attempt of one student on a document. */
export interface Attempt {
  userId: string;
  score: number;
  finishedAt: Date;
}

/**
 * Each student's standing on a document is their most recent score (their current level, not a
 * lucky day): one value per student, the viewer apart from their peers.
 */
export function latestScores(
  attempts: readonly Attempt[],
  viewerId: string,
): { viewer: Attempt | undefined; attempts: number; peers: CohortValue[] } {
  const latest = new Map<string, Attempt>();
  let viewerAttempts = 0;
  for (const attempt of attempts) {
    if (attempt.userId === viewerId) viewerAttempts += 1;
    const held = latest.get(attempt.userId);
    if (!held || attempt.finishedAt > held.finishedAt) latest.set(attempt.userId, attempt);
  }
  const peers: CohortValue[] = [];
  for (const [studentId, attempt] of latest) {
    if (studentId !== viewerId) peers.push({ studentId, value: attempt.score });
  }
  return { viewer: latest.get(viewerId), attempts: viewerAttempts, peers };
}

export type Band = 'top-quarter' | 'upper-middle' | 'lower-middle' | 'bottom-quarter';

/** The quarter of the cohort a percentile rank falls in (75 and above is the top quarter). */
export function bandOf(percentile: number): Band {
  if (percentile >= 75) return 'top-quarter';
  if (percentile >= 50) return 'upper-middle';
  if (percentile >= 25) return 'lower-middle';
  return 'bottom-quarter';
}

/**
 * Overall mastery: the topics' mastery averaged with each topic weighted by its evidence (the
 * faded answer count), so a topic met once does not count as much as one practised for weeks.
 * Undefined before any answer.
 */
export function overallMastery(topics: readonly TopicMastery[]): number | undefined {
  let weighted = 0;
  let weights = 0;
  for (const topic of topics) {
    weighted += topic.mastery * topic.effectiveAnswers;
    weights += topic.effectiveAnswers;
  }
  return weights > 0 ? weighted / weights : undefined;
}

/**
 * Overall mastery as it stood at each checkpoint, from one pass over answers in time order: at a
 * checkpoint, only the answers up to it count, and they fade to that moment.
 */
export class MasteryTimeline {
  private readonly accumulator: MasteryAccumulator;
  private readonly checkpoints: Date[];
  private readonly points: TimePoint[] = [];
  private next = 0;
  private lastMs = -Infinity;

  constructor(checkpoints: readonly Date[], options: MasteryOptions = {}) {
    this.accumulator = new MasteryAccumulator(options);
    this.checkpoints = [...checkpoints].sort((a, b) => a.getTime() - b.getTime());
  }

  add(answer: AnswerRecord): void {
    const atMs = answer.at.getTime();
    if (atMs < this.lastMs) throw new RangeError('answers must arrive in chronological order');
    this.lastMs = atMs;
    this.passCheckpointsBefore(atMs);
    this.accumulator.add(answer);
  }

  /** One point per checkpoint that had answers before it. */
  result(): TimePoint[] {
    this.passCheckpointsBefore(Infinity);
    return this.points;
  }

  private passCheckpointsBefore(atMs: number): void {
    while (this.next < this.checkpoints.length && this.checkpoints[this.next].getTime() < atMs) {
      const at = this.checkpoints[this.next];
      const value = overallMastery(this.accumulator.result(at));
      if (value !== undefined) this.points.push({ at, value });
      this.next += 1;
    }
  }
}
