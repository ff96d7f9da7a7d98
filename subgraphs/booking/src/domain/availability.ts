/**
 * A resource's availability and the slots it leaves: pure rules over weekly intervals and date
 * overrides (wall-clock minutes in the resource's time zone), turned into UTC windows with the tz
 * database, minus the time live appointments block (buffers included).
 */
import { invalid, valid, type Checked, type UserError } from '@tessera/service-kit';
import { refuse } from '../errors.js';
import { addDays, formatLocal, isoWeekday, localToUtc, utcToLocal } from './time-zones.js';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A wall-clock interval: minutes since local midnight, [start, end), 0 <= start < end <= 1440. */
export interface MinuteInterval {
  start: number;
  end: number;
}

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];

/** One weekday of a weekly schedule (what WeeklyAvailability resolves from). */
export interface WeeklyDay {
  weekday: WeekdayName;
  intervals: MinuteInterval[];
}

/** One date override (what DateOverride resolves from): no intervals means closed. */
export interface DateOverrideDay {
  date: Date;
  intervals: MinuteInterval[];
}

/** A free slot (what AvailableSlot resolves from). */
export interface Slot {
  startsAt: Date;
  endsAt: Date;
  localStartsAt: string;
  localEndsAt: string;
}

/** An instant range [from, until). */
export interface TimeRange {
  from: Date;
  until: Date;
}

/** A resource's schedule: weekly intervals by ISO weekday (1 = Monday) and overrides by "YYYY-MM-DD". */
export interface Schedule {
  timeZone: string;
  weekly: ReadonlyMap<number, readonly MinuteInterval[]>;
  overrides: ReadonlyMap<string, readonly MinuteInterval[]>;
}

/** ISO weekday number (1 = Monday .. 7 = Sunday) of a Weekday name. */
export const weekdayNumber = (weekday: WeekdayName): number => WEEKDAYS.indexOf(weekday) + 1;
export const weekdayName = (weekday: number): WeekdayName => WEEKDAYS[weekday - 1]!;

/** "09:30" -> 570; "24:00" only when `end` (the end of the day). Null when not a time of day. */
export function parseClock(text: string, end: boolean): number | null {
  if (end && text === '24:00') return DAY_MINUTES;
  const match = CLOCK.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** 570 -> "09:30"; 1440 -> "24:00". */
export function formatClock(minute: number): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** Validates the intervals of one day: each "HH:MM" to a later "HH:MM" (or "24:00"), none overlapping; sorted. */
export function checkIntervals(input: readonly { start: string; end: string }[], field: string[]): Checked<MinuteInterval[]> {
  const errors: UserError[] = [];
  const intervals: MinuteInterval[] = [];
  input.forEach((raw, index) => {
    const start = parseClock(raw.start, false);
    const end = parseClock(raw.end, true);
    if (start === null || end === null) {
      errors.push(refuse('INVALID_TIME', 'Times must be "HH:MM" (00:00 to 23:59; "24:00" as an end)', [...field, String(index)]));
    } else if (end <= start) {
      errors.push(refuse('INVALID_INTERVAL', `The interval ${raw.start}-${raw.end} must end after it starts`, [...field, String(index)]));
    } else {
      intervals.push({ start, end });
    }
  });
  if (errors.length > 0) return invalid(...errors);
  intervals.sort((a, b) => a.start - b.start);
  for (let i = 1; i < intervals.length; i += 1) {
    if (intervals[i]!.start < intervals[i - 1]!.end) {
      return invalid(refuse('OVERLAPPING_INTERVALS', 'The intervals of a day must not overlap', field));
    }
  }
  return valid(intervals);
}

/** The intervals a schedule has on a local date: its override if there is one, else its weekday's. */
export function intervalsOn(schedule: Schedule, date: string): readonly MinuteInterval[] {
  return schedule.overrides.get(date) ?? schedule.weekly.get(isoWeekday(date)) ?? [];
}

/**
 * The UTC windows in which the resource is available, covering at least [from, until): each local
 * interval converted in the resource's time zone (DST included), touching windows merged.
 */
export function availabilityWindows(schedule: Schedule, range: TimeRange): TimeRange[] {
  const first = addDays(utcToLocal(range.from, schedule.timeZone).date, -1);
  const last = addDays(utcToLocal(range.until, schedule.timeZone).date, 1);
  const windows: TimeRange[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    for (const interval of intervalsOn(schedule, date)) {
      const from = localToUtc(date, interval.start, schedule.timeZone);
      const until = localToUtc(date, interval.end, schedule.timeZone);
      if (until > from) windows.push({ from, until });
    }
  }
  windows.sort((a, b) => a.from.getTime() - b.from.getTime());
  const merged: TimeRange[] = [];
  for (const window of windows) {
    const previous = merged.at(-1);
    if (previous && window.from <= previous.until) {
      if (window.until > previous.until) previous.until = window.until;
    } else {
      merged.push({ ...window });
    }
  }
  return merged;
}

/** Whether [startsAt, endsAt) lies entirely inside one availability window. */
export function insideAvailability(schedule: Schedule, startsAt: Date, endsAt: Date): boolean {
  return availabilityWindows(schedule, { from: startsAt, until: endsAt }).some((w) => w.from <= startsAt && endsAt <= w.until);
}

/** The terms of the service a slot is for. */
export interface SlotTerms {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

/** The time an appointment starting at `startsAt` blocks: [start - buffer before, end + buffer after). */
export function blockedRange(startsAt: Date, terms: SlotTerms): TimeRange & { endsAt: Date } {
  const endsAt = new Date(startsAt.getTime() + terms.durationMinutes * MINUTE_MS);
  return {
    endsAt,
    from: new Date(startsAt.getTime() - terms.bufferBeforeMinutes * MINUTE_MS),
    until: new Date(endsAt.getTime() + terms.bufferAfterMinutes * MINUTE_MS),
  };
}

const overlaps = (a: TimeRange, b: TimeRange): boolean => a.from < b.until && b.from < a.until;

/** What finding slots needs besides the schedule. */
export interface SlotQuery {
  terms: SlotTerms;
  /** Slots start inside [from, until). */
  range: TimeRange;
  /** The earliest start allowed (now plus the minimum notice). */
  earliestStart: Date;
  /** Minutes between slot starts, counted from the start of each availability window. */
  stepMinutes: number;
  /** The ranges live appointments of the resource block (their buffers included). */
  busy: readonly TimeRange[];
  /** The time zone the local times are given in. */
  displayTimeZone: string;
}

/**
 * The free slots, earliest first: the appointment fits inside an availability window, starts no
 * earlier than `earliestStart`, and what it blocks (buffers included) overlaps nothing busy: the
 * same rule the database's exclusion constraint enforces.
 */
export function findSlots(schedule: Schedule, query: SlotQuery): Slot[] {
  const { terms, range, stepMinutes } = query;
  const stepMs = stepMinutes * MINUTE_MS;
  const durationMs = terms.durationMinutes * MINUTE_MS;
  const slots: Slot[] = [];
  for (const window of availabilityWindows(schedule, range)) {
    for (let start = window.from.getTime(); start + durationMs <= window.until.getTime(); start += stepMs) {
      if (start < range.from.getTime()) continue;
      if (start >= range.until.getTime()) break;
      if (start < query.earliestStart.getTime()) continue;
      const startsAt = new Date(start);
      const blocked = blockedRange(startsAt, terms);
      if (query.busy.some((busy) => overlaps(busy, blocked))) continue;
      slots.push({
        startsAt,
        endsAt: blocked.endsAt,
        localStartsAt: formatLocal(startsAt, query.displayTimeZone),
        localEndsAt: formatLocal(blocked.endsAt, query.displayTimeZone),
      });
    }
  }
  return slots;
}

/** The instants the local dates `from`..`to` (both included) of `timeZone` span: [from 00:00, to + 1 day 00:00). */
export function localDatesRange(from: string, to: string, timeZone: string): TimeRange {
  return { from: localToUtc(from, 0, timeZone), until: localToUtc(addDays(to, 1), 0, timeZone) };
}
