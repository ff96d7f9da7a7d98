/**
 * Wall-clock time in IANA time zones, computed with the runtime's ICU data (Intl), so daylight
 * saving changes fall where the tz database says. Calendar dates are "YYYY-MM-DD" strings.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `name` is an IANA time zone the runtime knows (e.g. Europe/Berlin, UTC); offsets like "+02:00" are not. */
export function isTimeZone(name: string): boolean {
  if (name.length > 64 || !TIME_ZONE_NAME.test(name)) return false;
  try {
    formatterOf(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant a UTC wall clock shows, for any year 1..9999: Date.UTC(y, ...) and new Date(y, m, d)
 * would read the years 0..99 as 1900..1999.
 */
function utcWallClock(year: number, month: number, day: number, hour: number, minute: number, second = 0): number {
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  return wall.getTime();
}

/** The zone's offset from UTC at an instant, in milliseconds (local = UTC + offset). */
export function offsetMs(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = utcWallClock(parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const whole = instant.getTime() - (instant.getTime() % 1000);
  return wall - whole;
}

/** "YYYY-MM-DD" of a date at UTC midnight (the Date scalar's and @db.Date's representation). */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The date `days` days after a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The ISO weekday (1 = Monday .. 7 = Sunday) of a "YYYY-MM-DD" date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The instant the wall clock of `timeZone` shows `minute` minutes after midnight of `date` (1440 is
 * the next midnight). A time skipped by a DST change maps to the same distance after the gap; a
 * time shown twice maps to its later occurrence.
 */
export function localToUtc(date: string, minute: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = utcWallClock(year, month, day, 0, minute);
  const first = offsetMs(new Date(wall), timeZone);
  const guess = wall - first;
  const second = offsetMs(new Date(guess), timeZone);
  return new Date(second === first ? guess : wall - second);
}

/** The local date ("YYYY-MM-DD") and minute of the day an instant has in `timeZone`. */
export function utcToLocal(instant: Date, timeZone: string): { date: string; minute: number } {
  const local = new Date(instant.getTime() + offsetMs(instant, timeZone));
  return { date: local.toISOString().slice(0, 10), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** An instant as local ISO 8601 with the zone's offset, e.g. "2026-03-29T09:00:00+02:00". */
export function formatLocal(instant: Date, timeZone: string): string {
  const offset = offsetMs(instant, timeZone);
  const local = new Date(instant.getTime() + offset).toISOString().slice(0, 19);
  const minutes = Math.round(Math.abs(offset) / MINUTE_MS);
  const sign = offset < 0 ? '-' : '+';
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${local}${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
