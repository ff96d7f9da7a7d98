/** The dashboard's range of days: both ends included, UTC calendar days, at most a leap year long. */

export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

export interface DayRange {
  /** UTC midnight of the first day. */
  from: Date;
  /** UTC midnight of the last day (included). */
  to: Date;
}

export type RangeCheck = { ok: true; range: DayRange; days: string[] } | { ok: false; message: string };

/** Checks a range (dates at UTC midnight, as the Date scalar gives them) and lists its days. */
export function checkRange(from: Date, to: Date): RangeCheck {
  const length = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
  if (length < 1) return { ok: false, message: '`range.from` must not be after `range.to`' };
  if (length > MAX_RANGE_DAYS) return { ok: false, message: `A range covers at most ${MAX_RANGE_DAYS} days (this one covers ${length})` };
  const days = Array.from({ length }, (_, index) => new Date(from.getTime() + index * DAY_MS).toISOString().slice(0, 10));
  return { ok: true, range: { from, to }, days };
}
