export const MS_PER_DAY = 86_400_000;

/** The instant `days` (possibly fractional) after `from`. */
export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * MS_PER_DAY);
}

/** Signed number of days (fractional) from `from` to `to`. */
export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / MS_PER_DAY;
}
