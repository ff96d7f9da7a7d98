import { Decimal, invalid, roundToMinorUnit, valid, type Checked } from '@tessera/service-kit';
import { invalidPeriod } from '../errors.js';

/** A span of calendar days, both ends included (Dates at UTC midnight, as the Date scalar gives them). */
export interface Period {
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;
/** The longest pay run period: one (leap) year. */
export const MAX_PERIOD_DAYS = 366;

/**
 * Midnight UTC of a day (month and day may overflow, as with Date.UTC). Date.UTC alone would read
 * the years 0 to 99 as 1900 to 1999, so the year is set on its own.
 */
function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, month, day);
  return date;
}
const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);
const earlier = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

/** Days in a period, both ends included. */
export function daysIn(period: Period): number {
  return Math.round((period.end.getTime() - period.start.getTime()) / DAY_MS) + 1;
}

export function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/** A pay run's period: the end on or after the start, at most 366 days in all. */
export function checkPeriod(start: Date, end: Date, field: string[]): Checked<Period> {
  if (end.getTime() < start.getTime()) {
    return invalid(invalidPeriod('periodEnd must be on or after periodStart', field));
  }
  const period = { start, end };
  if (daysIn(period) > MAX_PERIOD_DAYS) {
    return invalid(invalidPeriod(`A pay run covers at most ${MAX_PERIOD_DAYS} days`, field));
  }
  return valid(period);
}

/** Whether the period is exactly one calendar month (the 1st to the month's last day). */
export function isCalendarMonth(period: Period): boolean {
  const { start, end } = period;
  const lastDay = utcDay(start.getUTCFullYear(), start.getUTCMonth() + 1, 0);
  return start.getUTCDate() === 1 && end.getTime() === lastDay.getTime();
}

/**
 * The part of the period the employee was employed (hired on or before its end, not terminated
 * before its start); null when none. An unknown hiring day counts as employed from the start.
 */
export function employedDuring(period: Period, hiredOn: Date | null, terminatedOn: Date | null): Period | null {
  const start = hiredOn ? later(period.start, hiredOn) : period.start;
  const end = terminatedOn ? earlier(period.end, terminatedOn) : period.end;
  return end.getTime() < start.getTime() ? null : { start, end };
}

/**
 * Base pay for the days employed within a period, rounded half-up to the currency's minor unit:
 * the yearly salary / 12 when the period is a whole calendar month worked entirely; otherwise the
 * yearly salary x days worked / days in that year (each calendar year's days at its own length).
 */
export function basePay(yearlySalary: Decimal, currency: string, period: Period, employed: Period): Decimal {
  const wholePeriod = employed.start.getTime() === period.start.getTime() && employed.end.getTime() === period.end.getTime();
  if (wholePeriod && isCalendarMonth(period)) return roundToMinorUnit(yearlySalary.dividedBy(12), currency);
  let total = new Decimal(0);
  for (let year = employed.start.getUTCFullYear(); year <= employed.end.getUTCFullYear(); year += 1) {
    const segment = { start: later(employed.start, utcDay(year, 0, 1)), end: earlier(employed.end, utcDay(year, 11, 31)) };
    total = total.plus(yearlySalary.times(daysIn(segment)).dividedBy(daysInYear(year)));
  }
  return roundToMinorUnit(total, currency);
}
