import { DEFAULT_PREFERENCES, dueMails, isQuiet, localMoment } from './preferences';
import { UnsubscribeTokens } from './unsubscribe-token';

describe('notification timing', () => {
  const ny = 'America/New_York';

  it('reads the local wall clock across a DST change (New York, 8 March 2026)', () => {
    // EST (UTC-5) before 07:00 UTC on 8 March, EDT (UTC-4) after.
    expect(localMoment(ny, new Date('2026-03-07T23:00:00Z'))).toEqual({
      date: '2026-03-07',
      weekday: 6,
      minutes: 18 * 60,
    });
    expect(localMoment(ny, new Date('2026-03-09T22:00:00Z'))).toEqual({
      date: '2026-03-09',
      weekday: 1,
      minutes: 18 * 60,
    });
  });

  it('sends the reminder from the chosen local time on, keyed by the local date', () => {
    const prefs = { ...DEFAULT_PREFERENCES, reminderTime: '18:00' };
    expect(dueMails(prefs, ny, new Date('2026-03-07T22:59:00Z')).reminder).toBeNull();
    expect(dueMails(prefs, ny, new Date('2026-03-07T23:00:00Z')).reminder).toBe('2026-03-07');
    // After the change 18:00 local is an hour earlier in UTC.
    expect(dueMails(prefs, ny, new Date('2026-03-09T21:59:00Z')).reminder).toBeNull();
    expect(dueMails(prefs, ny, new Date('2026-03-09T22:00:00Z')).reminder).toBe('2026-03-09');
    // 20:30 local on the 9th (00:30 UTC on the 10th) is still the 9th's reminder.
    expect(dueMails(prefs, ny, new Date('2026-03-10T00:30:00Z')).reminder).toBe('2026-03-09');
  });

  it('sends the weekly report only on the chosen local weekday', () => {
    const prefs = { ...DEFAULT_PREFERENCES, weeklyReportDay: 1 };
    expect(dueMails(prefs, ny, new Date('2026-03-09T22:00:00Z')).weeklyReport).toBe('2026-03-09');
    expect(dueMails(prefs, ny, new Date('2026-03-10T22:00:00Z')).weeklyReport).toBeNull();
    // Tokyo is already on Tuesday at that instant.
    expect(dueMails(prefs, 'Asia/Tokyo', new Date('2026-03-09T22:00:00Z')).weeklyReport).toBeNull();
  });

  it('keeps quiet hours, also when they wrap past midnight', () => {
    const prefs = { ...DEFAULT_PREFERENCES, quietStart: '22:00', quietEnd: '07:00' };
    expect(isQuiet(prefs, 21 * 60 + 59)).toBe(false);
    expect(isQuiet(prefs, 22 * 60)).toBe(true);
    expect(isQuiet(prefs, 3 * 60)).toBe(true);
    expect(isQuiet(prefs, 7 * 60)).toBe(false);
    const day = { ...DEFAULT_PREFERENCES, quietStart: '12:00', quietEnd: '14:00' };
    expect(isQuiet(day, 13 * 60)).toBe(true);
    expect(isQuiet(day, 14 * 60)).toBe(false);
    expect(isQuiet({ ...prefs, quietStart: null, quietEnd: null }, 3 * 60)).toBe(false);
    // A reminder at 23:00 inside quiet hours is not sent.
    const late = { ...prefs, reminderTime: '23:00' };
    expect(dueMails(late, 'UTC', new Date('2026-03-09T23:30:00Z')).reminder).toBeNull();
  });
});

describe('unsubscribe tokens', () => {
  const tokens = new UnsubscribeTokens(Buffer.alloc(32, 7));
  const claim = {
    userId: '0123456789abcdef01234567',
    type: 'weeklyReports' as const,
    expiresAt: new Date('2026-04-01T00:00:00Z'),
  };

  it('round-trips before expiry and refuses after it', () => {
    const token = tokens.sign(claim);
    expect(tokens.verify(token, new Date('2026-03-01T00:00:00Z'))).toEqual(claim);
    expect(tokens.verify(token, new Date('2026-04-01T00:00:00Z'))).toBeNull();
  });

  it('refuses an altered token or one signed with another key', () => {
    const token = tokens.sign(claim);
    const now = new Date('2026-03-01T00:00:00Z');
    expect(tokens.verify(token.replace('weeklyReports', 'reviewReminders'), now)).toBeNull();
    expect(new UnsubscribeTokens(Buffer.alloc(32, 8)).verify(token, now)).toBeNull();
    expect(tokens.verify('garbage', now)).toBeNull();
  });
});
