import { invalid, valid, type Checked } from '@tessera/service-kit';
import { refuse } from '../errors.js';

/** The intervals of a reminder and the last service they count from. */
export interface ServiceSchedule {
  everyDistance: number | null;
  everyMonths: number | null;
  lastServiceDate: Date;
  lastServiceOdometer: number;
}

/** When a service falls due: a day and/or a reading (whichever comes first). */
export interface ServiceDue {
  dueDate: Date | null;
  dueOdometer: number | null;
}

/**
 * Midnight UTC of a calendar day; months and days out of range carry over. Not `Date.UTC(year, ...)`:
 * it takes years 0 to 99 as 1900 to 1999.
 */
export function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date;
}

/** Adds calendar months to a UTC day, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: Date, months: number): Date {
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth() + months;
  const lastDay = utcDate(year, month + 1, 0).getUTCDate();
  return utcDate(year, month, Math.min(day.getUTCDate(), lastDay));
}

/** The due day and reading of a schedule. */
export function dueOf(schedule: ServiceSchedule): ServiceDue {
  return {
    dueDate: schedule.everyMonths === null ? null : addMonths(schedule.lastServiceDate, schedule.everyMonths),
    dueOdometer: schedule.everyDistance === null ? null : schedule.lastServiceOdometer + schedule.everyDistance,
  };
}

/** The UTC day of an instant (midnight). */
export const dayOf = (instant: Date): Date => utcDate(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());

const DAY_MS = 86_400_000;

/**
 * Whether a service falls due within `withinDays` of `today` or within `withinDistance` of the
 * vehicle's current reading (overdue counts as due).
 */
export function isDueWithin(due: ServiceDue, odometer: number, today: Date, withinDays = 0, withinDistance = 0): boolean {
  const horizon = new Date(dayOf(today).getTime() + withinDays * DAY_MS);
  const byDate = due.dueDate !== null && due.dueDate.getTime() <= horizon.getTime();
  const byDistance = due.dueOdometer !== null && due.dueOdometer <= odometer + withinDistance;
  return byDate || byDistance;
}

/**
 * The reminder to service next: those due now first, then by earliest due date (none last), then by
 * least distance left, then by kind.
 */
export function nextDue<T extends ServiceDue & { kind: string }>(reminders: readonly T[], odometer: number, today: Date): T | null {
  const rank = (r: T) => ({
    due: isDueWithin(r, odometer, today) ? 0 : 1,
    date: r.dueDate?.getTime() ?? Number.POSITIVE_INFINITY,
    left: r.dueOdometer === null ? Number.POSITIVE_INFINITY : r.dueOdometer - odometer,
  });
  const sorted = [...reminders].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x.due - y.due || x.date - y.date || x.left - y.left || a.kind.localeCompare(b.kind);
  });
  return sorted[0] ?? null;
}

/** A service kind: letters, digits, spaces, _ and -, stored upper-case with _ (e.g. "oil change" -> OIL_CHANGE). */
export function checkServiceKind(raw: string, field: string[]): Checked<string> {
  const kind = raw
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  if (!/^[\p{L}\p{N}_]{1,50}$/u.test(kind)) {
    return invalid(refuse('INVALID_SERVICE_KIND', 'A service kind is 1 to 50 letters, digits, spaces, _ or -', field));
  }
  return valid(kind);
}

/** The intervals of a reminder: at least one, distance above 0, months 1 to 120. */
export function checkIntervals(
  everyDistance: number | null | undefined,
  everyMonths: number | null | undefined,
  field: string[],
): Checked<{ everyDistance: number | null; everyMonths: number | null }> {
  const distance = everyDistance ?? null;
  const months = everyMonths ?? null;
  if (distance === null && months === null) {
    return invalid(refuse('INVALID', 'Give everyDistance, everyMonths or both', field));
  }
  if (distance !== null && (!Number.isInteger(distance) || distance <= 0 || distance > 10_000_000)) {
    return invalid(refuse('INVALID', 'everyDistance must be a whole number above 0', [...field.slice(0, -1), 'everyDistance']));
  }
  if (months !== null && (!Number.isInteger(months) || months < 1 || months > 120)) {
    return invalid(refuse('INVALID', 'everyMonths must be between 1 and 120', [...field.slice(0, -1), 'everyMonths']));
  }
  return valid({ everyDistance: distance, everyMonths: months });
}
