import {
  mean,
  MS_PER_DAY,
  quantile,
  RunningLinearRegression,
  standardDeviation,
} from '../common/stats';
import type { AnswerRecord, SessionRecord } from './records';

/**
 * A behavioural fingerprint of how a student studies, from a stream of sessions with their answers:
 *
 * - when: study minutes per hour of the local day (sessions are split across the hours they
 *   span), and the top hours;
 * - how long: median and interquartile range of session length (quartiles by linear
 *   interpolation, Hyndman & Fan type 7);
 * - speed against accuracy: the point-biserial correlation (Pearson's r with a 0/1 variable)
 *   between ln(response time) and correctness. The logarithm keeps a few very long answers from
 *   dominating; r > 0 means slower answers are more often right;
 * - how regularly: over the last N local days (default 28) ending with the day of `now`, the
 *   share of days with any study, and the coefficient of variation (population standard deviation
 *   / mean) of study minutes per day, zero days included.
 *
 * Local time is UTC plus a fixed offset; a caller that wants daylight-saving time passes the
 * offset in force. Memory grows with the number of sessions (their lengths) and of active days.
 */
export interface FingerprintOptions {
  /** Local time minus UTC, in minutes (e.g. 120 for UTC+2, −300 for UTC−5). */
  utcOffsetMinutes: number;
  /** How many preferred hours to report; default 3. */
  topHours?: number;
  /** Length of the consistency window in days; default 28. */
  consistencyDays?: number;
}

export interface SessionLength {
  sessions: number;
  medianMinutes: number;
  q1Minutes: number;
  q3Minutes: number;
  iqrMinutes: number;
}

export interface BehaviouralFingerprint {
  /** Study minutes per local hour of day; index 0 is 00:00–00:59. */
  minutesByHour: number[];
  /** Hours with study, most minutes first (ties: earlier hour first). */
  preferredHours: number[];
  sessionLength: SessionLength | undefined;
  speedAccuracy: { answers: number; correlation: number | undefined };
  consistency: {
    days: number;
    activeDays: number;
    activeShare: number;
    meanDailyMinutes: number;
    /** Undefined when there was no study in the window. */
    dailyMinutesCv: number | undefined;
  };
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const MAX_OFFSET_MINUTES = 14 * 60;

/** Calls `visit` with each local time bucket that [startMs, endMs) overlaps and the overlap in ms. */
function forEachLocalBucket(
  startMs: number,
  endMs: number,
  offsetMs: number,
  bucketMs: number,
  visit: (bucket: number, overlapMs: number) => void,
): void {
  let cursor = startMs;
  while (cursor < endMs) {
    const bucket = Math.floor((cursor + offsetMs) / bucketMs);
    const until = Math.min(endMs, (bucket + 1) * bucketMs - offsetMs);
    visit(bucket, until - cursor);
    cursor = until;
  }
}

function positiveInteger(value: number, name: string): number {
  if (!(Number.isInteger(value) && value > 0))
    throw new RangeError(`${name} must be a positive integer`);
  return value;
}

export class FingerprintAccumulator {
  private readonly offsetMs: number;
  private readonly topHours: number;
  private readonly consistencyDays: number;
  private readonly minutesByHour: number[] = Array<number>(24).fill(0);
  private readonly minutesByDay = new Map<number, number>();
  private readonly sessionMinutes: number[] = [];
  private readonly speedAccuracy = new RunningLinearRegression();

  constructor(options: FingerprintOptions) {
    const offset = options.utcOffsetMinutes;
    if (!(Number.isInteger(offset) && Math.abs(offset) <= MAX_OFFSET_MINUTES)) {
      throw new RangeError('utcOffsetMinutes must be a whole number of minutes within ±14 h');
    }
    this.offsetMs = offset * MINUTE_MS;
    this.topHours = positiveInteger(options.topHours ?? 3, 'topHours');
    this.consistencyDays = positiveInteger(options.consistencyDays ?? 28, 'consistencyDays');
  }

  add(session: SessionRecord): void {
    const startMs = session.startedAt.getTime();
    const endMs = session.endedAt.getTime();
    if (!(endMs >= startMs)) throw new RangeError('a session cannot end before it starts');
    this.sessionMinutes.push((endMs - startMs) / MINUTE_MS);
    forEachLocalBucket(startMs, endMs, this.offsetMs, HOUR_MS, (hour, ms) => {
      this.minutesByHour[((hour % 24) + 24) % 24] += ms / MINUTE_MS;
    });
    forEachLocalBucket(startMs, endMs, this.offsetMs, MS_PER_DAY, (day, ms) => {
      this.minutesByDay.set(day, (this.minutesByDay.get(day) ?? 0) + ms / MINUTE_MS);
    });
    session.answers.forEach((answer) => this.addAnswer(answer));
  }

  result(now: Date): BehaviouralFingerprint {
    return {
      minutesByHour: [...this.minutesByHour],
      preferredHours: this.preferredHours(),
      sessionLength: this.sessionLength(),
      speedAccuracy: {
        answers: this.speedAccuracy.count,
        correlation: this.speedAccuracy.correlation(),
      },
      consistency: this.consistency(now),
    };
  }

  /** Answers without a positive response time have no logarithm and are left out. */
  private addAnswer(answer: AnswerRecord): void {
    if (answer.responseMs > 0) {
      this.speedAccuracy.add(Math.log(answer.responseMs), answer.correct ? 1 : 0);
    }
  }

  private preferredHours(): number[] {
    return this.minutesByHour
      .map((minutes, hour) => ({ minutes, hour }))
      .filter(({ minutes }) => minutes > 0)
      .sort((a, b) => b.minutes - a.minutes || a.hour - b.hour)
      .slice(0, this.topHours)
      .map(({ hour }) => hour);
  }

  private sessionLength(): SessionLength | undefined {
    const q1 = quantile(this.sessionMinutes, 0.25);
    const median = quantile(this.sessionMinutes, 0.5);
    const q3 = quantile(this.sessionMinutes, 0.75);
    if (q1 === undefined || median === undefined || q3 === undefined) return undefined;
    return {
      sessions: this.sessionMinutes.length,
      medianMinutes: median,
      q1Minutes: q1,
      q3Minutes: q3,
      iqrMinutes: q3 - q1,
    };
  }

  private consistency(now: Date): BehaviouralFingerprint['consistency'] {
    const today = Math.floor((now.getTime() + this.offsetMs) / MS_PER_DAY);
    const daily = Array.from(
      { length: this.consistencyDays },
      (_, i) => this.minutesByDay.get(today - i) ?? 0,
    );
    const activeDays = daily.filter((minutes) => minutes > 0).length;
    const meanDailyMinutes = mean(daily) ?? 0;
    const spread = standardDeviation(daily, 'population') ?? 0;
    return {
      days: this.consistencyDays,
      activeDays,
      activeShare: activeDays / this.consistencyDays,
      meanDailyMinutes,
      dailyMinutesCv: meanDailyMinutes > 0 ? spread / meanDailyMinutes : undefined,
    };
  }
}
