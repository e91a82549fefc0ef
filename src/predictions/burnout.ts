import { addDays, clamp, mean, median } from '../common/stats';

/**
 * Early burnout signals from plain activity records. Each indicator compares a recent window (the
 * last 7 days before `now`) with the student's own baseline (the 28 days before that), so habits
 * that were always there (a night owl, a slow reader) do not count, only changes:
 * - accuracyDecline: baseline accuracy − recent accuracy (fraction), triggered at ≥ 0.15;
 * - responseTimeIncrease: recent median response time / baseline median − 1, triggered at ≥ 0.30;
 * - sessionFrequencyDrop: 1 − recent sessions per day / baseline sessions per day, at ≥ 0.50;
 * - lateOrLongSessions: recent share of late-night (23:00–05:00 local, start or end) or overlong
 *   (> 120 min) sessions − the baseline share, triggered at ≥ 0.30.
 * An indicator needs ≥ 10 answers (or ≥ 2 sessions) in both windows; otherwise it reports
 * `sufficientData: false` and contributes nothing.
 *
 * Each indicator contributes 0.25 × clamp(value / threshold, 0, 1), so the score is in [0, 1] and
 * a fully triggered indicator adds 0.25. Level: high at score ≥ 0.6 (about three signals), moderate
 * at ≥ 0.25 (one full signal or several partial ones), low below. These thresholds are product
 * heuristics, not a validated instrument: tune them against outcomes once data exists.
 */
export interface AnswerEvent {
  at: Date;
  correct: boolean;
  responseTimeMs: number;
}

export interface StudySession {
  start: Date;
  end: Date;
}

export interface BurnoutOptions {
  recentDays?: number;
  baselineDays?: number;
  /** IANA time zone in which "late night" is judged (default UTC). */
  timeZone?: string;
  minAnswers?: number;
  minSessions?: number;
}

export type BurnoutIndicatorName =
  'accuracyDecline' | 'responseTimeIncrease' | 'sessionFrequencyDrop' | 'lateOrLongSessions';

export interface BurnoutIndicator {
  name: BurnoutIndicatorName;
  value: number;
  threshold: number;
  contribution: number;
  triggered: boolean;
  sufficientData: boolean;
}

export type BurnoutLevel = 'low' | 'moderate' | 'high';

export interface BurnoutAssessment {
  level: BurnoutLevel;
  score: number;
  indicators: BurnoutIndicator[];
}

export const BURNOUT_THRESHOLDS: Record<BurnoutIndicatorName, number> = {
  accuracyDecline: 0.15,
  responseTimeIncrease: 0.3,
  sessionFrequencyDrop: 0.5,
  lateOrLongSessions: 0.3,
};

const INDICATOR_WEIGHT = 0.25;
const HIGH_SCORE = 0.6;
const MODERATE_SCORE = 0.25;
const LATE_NIGHT_FROM_HOUR = 23;
const LATE_NIGHT_UNTIL_HOUR = 5;
const LONG_SESSION_MS = 120 * 60_000;
const DEFAULTS = {
  recentDays: 7,
  baselineDays: 28,
  timeZone: 'UTC',
  minAnswers: 10,
  minSessions: 2,
};

interface Window {
  from: Date;
  to: Date;
  days: number;
}

interface Windows {
  recent: Window;
  baseline: Window;
}

type Settings = typeof DEFAULTS;

/** Items of one kind, split into the recent and the baseline window. */
interface Split<T> {
  recent: readonly T[];
  baseline: readonly T[];
}

/** Measured change, or undefined when a window holds too little data to say. */
type Measurement = number | undefined;

export function assessBurnout(
  answers: readonly AnswerEvent[],
  sessions: readonly StudySession[],
  now: Date,
  options: BurnoutOptions = {},
): BurnoutAssessment {
  const settings = settingsFrom(options);
  const windows = windowsEndingAt(now, settings);
  const answerWindows = splitByWindow(answers, (answer) => answer.at, windows);
  const sessionWindows = splitByWindow(sessions, (session) => session.start, windows);
  const enoughAnswers = hasAtLeast(answerWindows, settings.minAnswers);
  const enoughSessions = hasAtLeast(sessionWindows, settings.minSessions);
  const indicators = [
    indicator('accuracyDecline', enoughAnswers ? accuracyDecline(answerWindows) : undefined),
    indicator(
      'responseTimeIncrease',
      enoughAnswers ? responseTimeIncrease(answerWindows) : undefined,
    ),
    indicator(
      'sessionFrequencyDrop',
      enoughSessions ? frequencyDrop(sessionWindows, windows) : undefined,
    ),
    indicator(
      'lateOrLongSessions',
      enoughSessions
        ? lateOrLongIncrease(sessionWindows, hourReader(settings.timeZone))
        : undefined,
    ),
  ];
  const score = indicators.reduce((total, item) => total + item.contribution, 0);
  return { level: levelFor(score), score, indicators };
}

function settingsFrom(options: BurnoutOptions): Settings {
  const settings: Settings = {
    recentDays: options.recentDays ?? DEFAULTS.recentDays,
    baselineDays: options.baselineDays ?? DEFAULTS.baselineDays,
    timeZone: options.timeZone ?? DEFAULTS.timeZone,
    // At least one item per window, so every ratio has a non-zero denominator.
    minAnswers: Math.max(1, options.minAnswers ?? DEFAULTS.minAnswers),
    minSessions: Math.max(1, options.minSessions ?? DEFAULTS.minSessions),
  };
  if (!(settings.recentDays > 0 && settings.baselineDays > 0)) {
    throw new RangeError('burnout windows need a positive number of days');
  }
  return settings;
}

function windowsEndingAt(now: Date, settings: Settings): Windows {
  const recentFrom = addDays(now, -settings.recentDays);
  return {
    recent: { from: recentFrom, to: now, days: settings.recentDays },
    baseline: {
      from: addDays(recentFrom, -settings.baselineDays),
      to: recentFrom,
      days: settings.baselineDays,
    },
  };
}

function splitByWindow<T>(items: readonly T[], at: (item: T) => Date, windows: Windows): Split<T> {
  return {
    recent: items.filter((item) => isWithin(at(item), windows.recent)),
    baseline: items.filter((item) => isWithin(at(item), windows.baseline)),
  };
}

/** Windows are half-open on the left: (from, to]. */
function isWithin(at: Date, window: Window): boolean {
  return at > window.from && at <= window.to;
}

function hasAtLeast<T>(split: Split<T>, minimum: number): boolean {
  return split.recent.length >= minimum && split.baseline.length >= minimum;
}

function indicator(name: BurnoutIndicatorName, measured: Measurement): BurnoutIndicator {
  const threshold = BURNOUT_THRESHOLDS[name];
  const value = measured ?? 0;
  const sufficientData = measured !== undefined;
  return {
    name,
    value,
    threshold,
    contribution: sufficientData ? INDICATOR_WEIGHT * clamp(value / threshold, 0, 1) : 0,
    triggered: sufficientData && value >= threshold,
    sufficientData,
  };
}

function levelFor(score: number): BurnoutLevel {
  if (score >= HIGH_SCORE) return 'high';
  if (score >= MODERATE_SCORE) return 'moderate';
  return 'low';
}

function accuracyDecline(split: Split<AnswerEvent>): Measurement {
  const accuracy = (answers: readonly AnswerEvent[]) =>
    mean(answers.map((a) => (a.correct ? 1 : 0)));
  return difference(accuracy(split.baseline), accuracy(split.recent));
}

function responseTimeIncrease(split: Split<AnswerEvent>): Measurement {
  const typical = (answers: readonly AnswerEvent[]) =>
    median(answers.map((a) => a.responseTimeMs).filter((ms) => Number.isFinite(ms) && ms > 0));
  const recent = typical(split.recent);
  const baseline = typical(split.baseline);
  return recent === undefined || baseline === undefined ? undefined : recent / baseline - 1;
}

function frequencyDrop(split: Split<StudySession>, windows: Windows): Measurement {
  const recentRate = split.recent.length / windows.recent.days;
  const baselineRate = split.baseline.length / windows.baseline.days;
  return 1 - recentRate / baselineRate;
}

function lateOrLongIncrease(split: Split<StudySession>, hourOf: (at: Date) => number): Measurement {
  const isStrained = (session: StudySession) =>
    session.end.getTime() - session.start.getTime() > LONG_SESSION_MS ||
    isLateNight(hourOf(session.start)) ||
    isLateNight(hourOf(session.end));
  const share = (sessions: readonly StudySession[]) =>
    mean(sessions.map((s) => (isStrained(s) ? 1 : 0)));
  return difference(share(split.recent), share(split.baseline));
}

function difference(minuend: number | undefined, subtrahend: number | undefined): Measurement {
  return minuend === undefined || subtrahend === undefined ? undefined : minuend - subtrahend;
}

function isLateNight(hour: number): boolean {
  return hour >= LATE_NIGHT_FROM_HOUR || hour < LATE_NIGHT_UNTIL_HOUR;
}

/** Local hour (0–23) of an instant in the given IANA time zone. */
function hourReader(timeZone: string): (at: Date) => number {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', hourCycle: 'h23' });
  return (at) => Number(format.formatToParts(at).find((part) => part.type === 'hour')?.value);
}
