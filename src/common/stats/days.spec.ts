import { addDays, daysBetween } from './days';

describe('day arithmetic', () => {
  const start = new Date('2024-03-30T12:00:00.000Z');

  it('adds whole and fractional days as fixed 24-hour spans', () => {
    expect(addDays(start, 2).toISOString()).toBe('2024-04-01T12:00:00.000Z');
    expect(addDays(start, 0.25).toISOString()).toBe('2024-03-30T18:00:00.000Z');
  });

  it('measures signed fractional days', () => {
    expect(daysBetween(start, new Date('2024-04-06T00:00:00.000Z'))).toBe(6.5);
    expect(daysBetween(new Date('2024-04-06T00:00:00.000Z'), start)).toBe(-6.5);
  });
});
