import fc from 'fast-check';
import { studyCalendar, studyPlanCalendar, type CalendarFeedOptions } from './ical';
import type { PlannedSession } from './planner';

const OPTIONS: CalendarFeedOptions = {
  planId: '65f0c0ffee',
  uidDomain: 'learn.example',
  now: new Date('2024-03-01T08:09:10Z'),
};

function session(
  n: number,
  topics: string[],
  kind: PlannedSession['kind'] = 'practice',
): PlannedSession {
  return {
    n,
    date: '2024-03-04',
    startAt: new Date('2024-03-04T18:00:00Z'),
    endAt: new Date('2024-03-04T18:25:00Z'),
    kind,
    topics,
    minutes: 25,
  };
}

/** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed. */
function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** RFC 5545 §3.3.11 TEXT unescaping. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function property(lines: string[], name: string): string[] {
  return lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1));
}

describe('studyPlanCalendar', () => {
  it('writes a VCALENDAR with VERSION, PRODID and one complete VEVENT per session', () => {
    const text = studyPlanCalendar(
      [session(1, ['Algebra']), session(2, ['Algebra', 'Geometry'], 'test')],
      OPTIONS,
    );
    const lines = unfold(text);
    expect(lines.slice(0, 3)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Adaptive Learning//Study plans//EN',
    ]);
    expect(text.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(property(lines, 'UID')).toEqual([
      'study-plan-65f0c0ffee-session-1@learn.example',
      'study-plan-65f0c0ffee-session-2@learn.example',
    ]);
    expect(property(lines, 'DTSTAMP')).toEqual(['20240301T080910Z', '20240301T080910Z']);
    expect(property(lines, 'DTSTART')).toEqual(['20240304T180000Z', '20240304T180000Z']);
    expect(property(lines, 'DTEND')).toEqual(['20240304T182500Z', '20240304T182500Z']);
    expect(property(lines, 'SUMMARY').map(unescapeText)).toEqual([
      'Practice: Algebra',
      'Practice test: Algebra, Geometry',
    ]);
  });

  it('ends every line in CRLF, with no bare CR or LF', () => {
    const text = studyPlanCalendar([session(1, ['line\nbreak', 'carriage\r\nreturn'])], OPTIONS);
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text).not.toMatch(/\r[^\n]/);
  });

  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    const lines = unfold(studyPlanCalendar([session(1, ['a\\b; c, d\ne'])], OPTIONS));
    expect(property(lines, 'SUMMARY')).toEqual(['Practice: a\\\\b\\; c\\, d\\ne']);
  });

  it('drops control characters that TEXT may not hold', () => {
    const lines = unfold(studyPlanCalendar([session(1, ['bell\u0007 and\u0000 nul'])], OPTIONS));
    expect(property(lines, 'SUMMARY')).toEqual(['Practice: bell and nul']);
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    // 2-, 3- and 4-byte characters (é, 漢, 🙂) push lines past 75 octets at odd offsets.
    const topic = 'é漢🙂'.repeat(30);
    const text = studyPlanCalendar([session(1, [topic])], OPTIONS);
    const physical = text.split('\r\n').slice(0, -1);
    for (const line of physical) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(
        /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
      );
    }
    expect(physical.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(3);
    expect(property(unfold(text), 'SUMMARY').map(unescapeText)).toEqual([`Practice: ${topic}`]);
  });

  it('round-trips any topic names through escaping and folding', () => {
    const topicArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(fc.array(topicArb, { minLength: 1, maxLength: 4 }), (topics) => {
        const text = studyPlanCalendar([session(1, topics)], OPTIONS);
        for (const line of text.split('\r\n')) {
          expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
        }
        const expected = topics
          .join(', ')
          // eslint-disable-next-line no-control-regex
          .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
          .replace(/\r\n|\r/g, '\n');
        expect(property(unfold(text), 'SUMMARY').map(unescapeText)).toEqual([
          `Practice: ${expected}`,
        ]);
      }),
    );
  });

  it('writes an empty calendar for a plan without sessions', () => {
    const lines = unfold(studyPlanCalendar([], OPTIONS));
    expect(lines).toContain('VERSION:2.0');
    expect(lines).not.toContain('BEGIN:VEVENT');
  });

  it('writes review days as all-day events keyed by date, next to the plans’ sessions', () => {
    const text = studyCalendar(
      {
        plans: [{ planId: 'p1', sessions: [session(1, ['algebra'])] }],
        reviewDays: [
          { date: '2024-03-04', cards: 1 },
          { date: '2024-12-31', cards: 12 },
        ],
      },
      { uidDomain: 'learn.example', now: OPTIONS.now },
    );
    const lines = unfold(text);
    expect(property(lines, 'UID')).toEqual([
      'study-plan-p1-session-1@learn.example',
      'reviews-2024-03-04@learn.example',
      'reviews-2024-12-31@learn.example',
    ]);
    // RFC 5545 §3.3.4: an all-day event is a DATE value; it ends (exclusively) the next day.
    expect(lines).toContain('DTSTART;VALUE=DATE:20241231');
    expect(lines).toContain('DTEND;VALUE=DATE:20250101');
    expect(property(lines, 'SUMMARY')).toContain('Reviews due: 1 card');
    expect(property(lines, 'SUMMARY')).toContain('Reviews due: 12 cards');
  });
});
