/** Email kinds a user can turn on and off (transactional mails such as password reset are not among them). */
export const NOTIFICATION_TYPES = [
  'reviewReminders',
  'weeklyReports',
  'milestones',
  'streaks',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface Preferences {
  reviewReminders: boolean;
  reminderTime: string;
  reminderMinDue: number;
  weeklyReports: boolean;
  weeklyReportDay: number;
  milestones: boolean;
  streaks: boolean;
  quietStart: string | null;
  quietEnd: string | null;
}

/** Defaults: a reminder at 18:00 when any card is due, a report on Sunday, milestones and streaks on, quiet 22:00–07:00. */
export const DEFAULT_PREFERENCES: Preferences = {
  reviewReminders: true,
  reminderTime: '18:00',
  reminderMinDue: 1,
  weeklyReports: true,
  weeklyReportDay: 0,
  milestones: true,
  streaks: true,
  quietStart: '22:00',
  quietEnd: '07:00',
};

export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function minutesOf(clockTime: string): number {
  return Number(clockTime.slice(0, 2)) * 60 + Number(clockTime.slice(3, 5));
}

export interface LocalMoment {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of an instant in a zone (from the instant itself, so DST changes need no care). */
export function localMoment(timeZone: string, at: Date): LocalMoment {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(at)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS.indexOf(parts.weekday),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** True inside [start, end), wrapping past midnight when start > end; never with no quiet hours. */
export function isQuiet(preferences: Preferences, minutes: number): boolean {
  if (!preferences.quietStart || !preferences.quietEnd) return false;
  const start = minutesOf(preferences.quietStart);
  const end = minutesOf(preferences.quietEnd);
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

export interface DueMails {
  /** The local date of the reminder to send (its period), or null. */
  reminder: string | null;
  /** The local date of the weekly report to send (its period), or null. */
  weeklyReport: string | null;
}

/**
 * Which scheduled mails are due at this instant: a reminder once the local time reaches the chosen time
 * (the rest of that day, should a pass be missed), a weekly report on the chosen local weekday from the
 * reminder time on; nothing in quiet hours. Each is keyed by its local date, so it goes out once.
 */
export function dueMails(preferences: Preferences, timeZone: string, at: Date): DueMails {
  const local = localMoment(timeZone, at);
  const none = { reminder: null, weeklyReport: null };
  if (isQuiet(preferences, local.minutes)) return none;
  const reached = local.minutes >= minutesOf(preferences.reminderTime);
  if (!reached) return none;
  return {
    reminder: preferences.reviewReminders ? local.date : null,
    weeklyReport:
      preferences.weeklyReports && local.weekday === preferences.weeklyReportDay
        ? local.date
        : null,
  };
}
