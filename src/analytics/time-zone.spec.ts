import { utcOffsetMinutes } from './time-zone';

describe('utcOffsetMinutes', () => {
  it('reads standard and daylight-saving offsets', () => {
    expect(utcOffsetMinutes('Europe/Paris', new Date('2024-01-15T12:00:00Z'))).toBe(60);
    expect(utcOffsetMinutes('Europe/Paris', new Date('2024-07-15T12:00:00Z'))).toBe(120);
    expect(utcOffsetMinutes('America/New_York', new Date('2024-01-15T12:00:00Z'))).toBe(-300);
  });

  it('handles UTC and zones off the whole hour', () => {
    expect(utcOffsetMinutes('UTC', new Date('2024-01-15T12:00:00Z'))).toBe(0);
    expect(utcOffsetMinutes('Asia/Kolkata', new Date('2024-01-15T12:00:00Z'))).toBe(330);
    expect(utcOffsetMinutes('Asia/Kathmandu', new Date('2024-01-15T12:00:00Z'))).toBe(345);
    expect(utcOffsetMinutes('America/St_Johns', new Date('2024-01-15T12:00:00Z'))).toBe(-210);
  });

  it('changes exactly at the transition instant', () => {
    // Paris moves to summer time at 01:00 UTC on the last Sunday of March 2024.
    expect(utcOffsetMinutes('Europe/Paris', new Date('2024-03-31T00:59:59Z'))).toBe(60);
    expect(utcOffsetMinutes('Europe/Paris', new Date('2024-03-31T01:00:00Z'))).toBe(120);
  });
});
