import { addCalendarDays, DueCalendarBuilder, isKnownTimeZone } from './due-calendar';

describe('DueCalendarBuilder', () => {
  it('counts per local day across a daylight-saving change', () => {
    // New York: EST (UTC−5) until 2024-03-10 02:00 local, EDT (UTC−4) after.
    const calendar = new DueCalendarBuilder(
      'America/New_York',
      new Date('2024-03-09T12:00:00.000Z'),
      3,
    );
    for (const iso of [
      '2024-03-09T04:59:00.000Z', // Mar 8, 23:59 EST: overdue
      '2024-03-10T04:30:00.000Z', // Mar 9, 23:30 EST
      '2024-03-10T05:00:00.000Z', // Mar 10, 00:00 EST
      '2024-03-11T03:59:00.000Z', // Mar 10, 23:59 EDT
      '2024-03-11T04:00:00.000Z', // Mar 11, 00:00 EDT
      '2024-03-12T04:00:00.000Z', // Mar 12: beyond the three days
    ])
      calendar.add(new Date(iso));
    expect(calendar.result()).toEqual({
      timeZone: 'America/New_York',
      overdue: 1,
      days: [
        { date: '2024-03-09', due: 1 },
        { date: '2024-03-10', due: 2 },
        { date: '2024-03-11', due: 1 },
      ],
      total: 5,
    });
  });

  it('splits an hour that straddles midnight in a half-hour time zone', () => {
    // Kolkata is UTC+05:30: 18:29Z is 23:59 local, 18:30Z is midnight.
    const calendar = new DueCalendarBuilder(
      'Asia/Kolkata',
      new Date('2024-01-01T06:00:00.000Z'),
      2,
    );
    calendar.add(new Date('2024-01-01T18:29:00.000Z'));
    calendar.add(new Date('2024-01-01T18:30:00.000Z'));
    calendar.add(new Date('2024-01-01T18:31:00.000Z'));
    expect(calendar.result().days).toEqual([
      { date: '2024-01-01', due: 1 },
      { date: '2024-01-02', due: 2 },
    ]);
  });

  it('rejects a non-positive number of days', () => {
    expect(() => new DueCalendarBuilder('UTC', new Date(), 0)).toThrow(RangeError);
  });
});

describe('calendar helpers', () => {
  it('adds calendar days across month and leap-year ends', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addCalendarDays('2023-12-31', 1)).toBe('2024-01-01');
  });

  it('knows real IANA zones and rejects invented ones', () => {
    expect(isKnownTimeZone('Europe/Paris')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
