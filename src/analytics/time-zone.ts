/**
 * The offset of an IANA time zone from UTC at an instant, in minutes (local time minus UTC), read
 * from the runtime's time-zone database: Europe/Paris gives 60 in winter and 120 in summer.
 */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  // "GMT" for UTC itself, else "GMT+05:30" / "GMT-03:00".
  const match = /^GMT(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(name ?? '');
  if (!match) throw new RangeError(`cannot read the UTC offset of ${timeZone}`);
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}
