/**
 * Due counts per local calendar day, for the review forecast. Days are the student's own (IANA
 * time zone, daylight-saving time included), so "due tomorrow" means the student's tomorrow.
 */
export interface DueDay {
  /** Local date, YYYY-MM-DD. */
  date: string;
  due: number;
}

export interface DueCalendar {
  timeZone: string;
  /** Cards due before the start of the local today. */
  overdue: number;
  days: DueDay[];
  /** overdue + the days' counts. */
  total: number;
}

const HOUR_MS = 3_600_000;

/** A formatter for local dates as YYYY-MM-DD ('en-CA' writes ISO dates). */
export function localDateFormatter(timeZone: string): (at: Date) => string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (at) => format.format(at);
}

/** True when the runtime knows the IANA time zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date `days` after an ISO date (YYYY-MM-DD), by the proleptic Gregorian calendar. */
export function addCalendarDays(date: string, days: number): string {
  const utc = new Date(`${date}T00:00:00.000Z`);
  return new Date(utc.getTime() + days * 24 * HOUR_MS).toISOString().slice(0, 10);
}

/**
 * Counts due dates per local day over `days` days starting with the local today; earlier dates
 * are overdue, later ones are left out. Local dates are computed once per UTC hour (every time
 * zone in use today has whole-hour or half/quarter-hour offsets, so the date is looked up at the
 * exact instant when an hour is not uniform).
 */
export class DueCalendarBuilder {
  private readonly dateOf: (at: Date) => string;
  private readonly dates: string[];
  private readonly counts: number[];
  private readonly today: string;
  private readonly byHour = new Map<number, string | null>();
  private overdue = 0;

  constructor(
    private readonly timeZone: string,
    now: Date,
    days: number,
  ) {
    if (!(Number.isInteger(days) && days >= 1))
      throw new RangeError('days must be a positive integer');
    this.dateOf = localDateFormatter(timeZone);
    this.today = this.dateOf(now);
    this.dates = Array.from({ length: days }, (_, i) => addCalendarDays(this.today, i));
    this.counts = this.dates.map(() => 0);
  }

  add(dueAt: Date): void {
    const date = this.localDate(dueAt);
    if (date < this.today) {
      this.overdue += 1;
      return;
    }
    const index = this.indexOf(date);
    if (index !== undefined) this.counts[index] += 1;
  }

  result(): DueCalendar {
    const days = this.dates.map((date, i) => ({ date, due: this.counts[i] }));
    return {
      timeZone: this.timeZone,
      overdue: this.overdue,
      days,
      total: this.overdue + this.counts.reduce((a, b) => a + b, 0),
    };
  }

  private indexOf(date: string): number | undefined {
    const first = new Date(`${this.today}T00:00:00.000Z`).getTime();
    const index = Math.round(
      (new Date(`${date}T00:00:00.000Z`).getTime() - first) / (24 * HOUR_MS),
    );
    return index >= 0 && index < this.dates.length ? index : undefined;
  }

  /** The local date of an instant; cached per UTC hour when the whole hour has one local date. */
  private localDate(at: Date): string {
    const hour = Math.floor(at.getTime() / HOUR_MS);
    let cached = this.byHour.get(hour);
    if (cached === undefined) {
      const start = this.dateOf(new Date(hour * HOUR_MS));
      const end = this.dateOf(new Date((hour + 1) * HOUR_MS - 1));
      cached = start === end ? start : null;
      this.byHour.set(hour, cached);
    }
    return cached ?? this.dateOf(at);
  }
}
