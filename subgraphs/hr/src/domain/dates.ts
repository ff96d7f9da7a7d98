/**
 * Calendar dates: carried as Date objects at UTC midnight (as the Date scalar and @db.Date columns do).
 * utcDay is kept here rather than taken from service-kit: service-kit's rebuilds the day with
 * Date.UTC and so moves the years 0 to 99 to 1900 to 1999 (issue 12 item 4).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The calendar day (UTC) of an instant, at UTC midnight. Only the time of day is cleared: rebuilding
 * the date with Date.UTC(year, ...) would turn the years 0 to 99 into 1900 to 1999.
 */
export function utcDay(instant: Date): Date {
  const day = new Date(instant.getTime());
  day.setUTCHours(0, 0, 0, 0);
  return day;
}

/** Whole days from `from` to `to` (both calendar dates); negative when `to` is earlier. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((utcDay(to).getTime() - utcDay(from).getTime()) / DAY_MS);
}
