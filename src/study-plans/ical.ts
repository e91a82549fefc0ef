import ical, { ICalCalendarMethod } from 'ical-generator';
import type { PlannedSession, SessionKind } from './planner';

/**
 * A study plan as an iCalendar feed (RFC 5545), built with `ical-generator`, which writes the
 * VCALENDAR/VEVENT structure, escapes TEXT values (backslash, semicolon, comma, newline), writes
 * times in UTC as YYYYMMDDTHHMMSSZ and folds lines at 75 octets without splitting a UTF-8
 * character. Lines end in CRLF; this module adds the CRLF after END:VCALENDAR that the grammar
 * requires and the library leaves out.
 *
 * Event UIDs are built from the plan id and the session number, so a calendar app that refreshes
 * the feed updates the same events, and drops those a replan removed.
 */
export interface CalendarFeedOptions {
  /** Identifies the plan inside the UIDs (an opaque id, not a name). */
  planId: string;
  /** The right-hand side of the UIDs, a domain the service controls (RFC 5545 §3.8.4.7). */
  uidDomain: string;
  /** When the feed is generated: every event's DTSTAMP. */
  now: Date;
  /** Calendar name shown by the app; default "Study plan". */
  name?: string;
}

const SUMMARY_PREFIX: Record<SessionKind, string> = {
  practice: 'Practice',
  review: 'Review',
  test: 'Practice test',
};

/** How often subscribed apps should refresh, in seconds (plans change when replanned). */
const REFRESH_SECONDS = 3600;

/** RFC 5545 TEXT allows no control characters but tab and (escaped) line breaks; drop the rest. */
function withoutControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

function topicList(session: PlannedSession): string {
  return withoutControls(session.topics.join(', '));
}

function summary(session: PlannedSession): string {
  return `${SUMMARY_PREFIX[session.kind]}: ${topicList(session)}`;
}

function description(session: PlannedSession): string {
  return `Session ${session.n} of your study plan, ${session.minutes} minutes.\nTopics: ${topicList(session)}`;
}

/** One day's reviews: an all-day event on the student's local date. */
export interface ReviewDay {
  /** Local date, YYYY-MM-DD. */
  date: string;
  cards: number;
}

export interface StudyCalendar {
  plans: { planId: string; sessions: readonly PlannedSession[] }[];
  reviewDays: readonly ReviewDay[];
}

/** The RFC 5545 text of a calendar with one event per session. */
export function studyPlanCalendar(
  sessions: readonly PlannedSession[],
  options: CalendarFeedOptions,
): string {
  return studyCalendar({ plans: [{ planId: options.planId, sessions }], reviewDays: [] }, options);
}

/**
 * The RFC 5545 text of a student's subscribed calendar: the sessions of their plans, and an all-day
 * event on each day with reviews due. Review events are keyed by date, so a refresh moves counts in place.
 */
export function studyCalendar(
  content: StudyCalendar,
  options: Omit<CalendarFeedOptions, 'planId'>,
): string {
  const calendar = ical({
    prodId: { company: 'Adaptive Learning', product: 'Study plans', language: 'EN' },
    name: options.name ?? 'Study plan',
    method: ICalCalendarMethod.PUBLISH,
    ttl: REFRESH_SECONDS,
  });
  for (const plan of content.plans) {
    for (const session of plan.sessions) {
      calendar.createEvent({
        id: `study-plan-${plan.planId}-session-${session.n}@${options.uidDomain}`,
        stamp: options.now,
        start: session.startAt,
        end: session.endAt,
        summary: summary(session),
        description: description(session),
        categories: [{ name: session.kind }],
      });
    }
  }
  for (const day of content.reviewDays) {
    const start = new Date(`${day.date}T00:00:00Z`);
    calendar.createEvent({
      id: `reviews-${day.date}@${options.uidDomain}`,
      stamp: options.now,
      start,
      end: new Date(start.getTime() + 86_400_000),
      allDay: true,
      summary: `Reviews due: ${day.cards} card${day.cards === 1 ? '' : 's'}`,
      categories: [{ name: 'review' }],
    });
  }
  return `${calendar.toString()}\r\n`;
}
