import { describe, expect, it } from 'vitest';
import {
  availabilityWindows,
  checkIntervals,
  findSlots,
  formatClock,
  insideAvailability,
  localDatesRange,
  parseClock,
  type MinuteInterval,
  type Schedule,
  type SlotQuery,
} from './availability.js';

const at = (iso: string) => new Date(iso);
const hours = (from: number, to: number): MinuteInterval => ({ start: from * 60, end: to * 60 });

/** Every weekday the same intervals, in Berlin. */
function berlin(intervals: MinuteInterval[], overrides: Record<string, MinuteInterval[]> = {}): Schedule {
  return {
    timeZone: 'Europe/Berlin',
    weekly: new Map([1, 2, 3, 4, 5, 6, 7].map((weekday) => [weekday, intervals])),
    overrides: new Map(Object.entries(overrides)),
  };
}

function query(overrides: Partial<SlotQuery> & { from: string; to: string; timeZone?: string }): SlotQuery {
  const timeZone = overrides.timeZone ?? 'Europe/Berlin';
  return {
    terms: { durationMinutes: 60, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
    range: localDatesRange(overrides.from, overrides.to, timeZone),
    earliestStart: at('2026-01-01T00:00:00Z'),
    stepMinutes: 60,
    busy: [],
    displayTimeZone: timeZone,
    ...overrides,
  };
}

const starts = (slots: { startsAt: Date }[]) => slots.map((slot) => slot.startsAt.toISOString());

describe('intervals', () => {
  it('parses and formats times of day', () => {
    expect(parseClock('09:30', false)).toBe(570);
    expect(parseClock('24:00', true)).toBe(1440);
    expect(parseClock('24:00', false)).toBeNull();
    expect(parseClock('9:30', false)).toBeNull();
    expect(parseClock('12:60', false)).toBeNull();
    expect(formatClock(570)).toBe('09:30');
    expect(formatClock(1440)).toBe('24:00');
  });

  it('sorts valid intervals and refuses bad times, empty intervals and overlaps', () => {
    expect(
      checkIntervals(
        [
          { start: '13:00', end: '17:00' },
          { start: '09:00', end: '12:00' },
        ],
        ['i'],
      ),
    ).toEqual({
      ok: true,
      value: [hours(9, 12), hours(13, 17)],
    });
    expect(checkIntervals([{ start: '09:00', end: '09:00' }], ['i'])).toMatchObject({ ok: false, errors: [{ code: 'INVALID_INTERVAL' }] });
    expect(checkIntervals([{ start: '9', end: '10:00' }], ['i'])).toMatchObject({ ok: false, errors: [{ code: 'INVALID_TIME' }] });
    expect(
      checkIntervals(
        [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
        ['i'],
      ),
    ).toMatchObject({
      ok: false,
      errors: [{ code: 'OVERLAPPING_INTERVALS' }],
    });
    expect(
      checkIntervals(
        [
          { start: '09:00', end: '12:00' },
          { start: '12:00', end: '13:00' },
        ],
        ['i'],
      ).ok,
    ).toBe(true);
  });
});

describe('availability across daylight saving changes (Europe/Berlin)', () => {
  it('keeps 09:00-17:00 local: 08:00Z in winter, 07:00Z from 2026-03-29, 08:00Z again from 2026-10-25', () => {
    const schedule = berlin([hours(9, 17)]);
    const march = availabilityWindows(schedule, { from: at('2026-03-28T12:00:00Z'), until: at('2026-03-29T12:00:00Z') });
    expect(march.map((w) => [w.from.toISOString(), w.until.toISOString()])).toContainEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-28T16:00:00.000Z',
    ]);
    expect(march.map((w) => [w.from.toISOString(), w.until.toISOString()])).toContainEqual([
      '2026-03-29T07:00:00.000Z',
      '2026-03-29T15:00:00.000Z',
    ]);
    const october = availabilityWindows(schedule, { from: at('2026-10-24T12:00:00Z'), until: at('2026-10-25T12:00:00Z') });
    expect(october.map((w) => [w.from.toISOString(), w.until.toISOString()])).toContainEqual([
      '2026-10-24T07:00:00.000Z',
      '2026-10-24T15:00:00.000Z',
    ]);
    expect(october.map((w) => [w.from.toISOString(), w.until.toISOString()])).toContainEqual([
      '2026-10-25T08:00:00.000Z',
      '2026-10-25T16:00:00.000Z',
    ]);
  });

  it('offers the slots of the real local day: 00:00-06:00 is 5 hours on 2026-03-29 and 7 hours on 2026-10-25', () => {
    const schedule = berlin([hours(0, 6)]);
    const spring = findSlots(schedule, query({ from: '2026-03-29', to: '2026-03-29' }));
    expect(spring.map((slot) => slot.localStartsAt)).toEqual([
      '2026-03-29T00:00:00+01:00',
      '2026-03-29T01:00:00+01:00',
      '2026-03-29T03:00:00+02:00',
      '2026-03-29T04:00:00+02:00',
      '2026-03-29T05:00:00+02:00',
    ]);
    expect(starts(spring)[0]).toBe('2026-03-28T23:00:00.000Z');
    const autumn = findSlots(schedule, query({ from: '2026-10-25', to: '2026-10-25' }));
    expect(autumn.map((slot) => slot.localStartsAt)).toEqual([
      '2026-10-25T00:00:00+02:00',
      '2026-10-25T01:00:00+02:00',
      '2026-10-25T02:00:00+02:00',
      '2026-10-25T02:00:00+01:00',
      '2026-10-25T03:00:00+01:00',
      '2026-10-25T04:00:00+01:00',
      '2026-10-25T05:00:00+01:00',
    ]);
  });

  it("shows the same slots in the caller's time zone, whose DST changes on other dates", () => {
    const schedule = berlin([hours(9, 11)]);
    const slots = findSlots(schedule, query({ from: '2026-03-29', to: '2026-03-29', timeZone: 'America/New_York' }));
    // New York's 2026-03-29 (already on EDT) covers Berlin's 09:00-11:00 of that day: 07:00Z and 08:00Z.
    expect(starts(slots)).toEqual(['2026-03-29T07:00:00.000Z', '2026-03-29T08:00:00.000Z']);
    expect(slots.map((slot) => slot.localStartsAt)).toEqual(['2026-03-29T03:00:00-04:00', '2026-03-29T04:00:00-04:00']);
    expect(slots[0]!.localEndsAt).toBe('2026-03-29T04:00:00-04:00');
  });
});

describe('slots', () => {
  const week = { from: '2026-03-30', to: '2026-03-30' };

  it('steps from the start of each window and keeps the whole appointment inside it', () => {
    const slots = findSlots(berlin([hours(9, 11), hours(13, 14)]), query({ ...week, stepMinutes: 30 }));
    expect(slots.map((slot) => slot.localStartsAt.slice(11, 16))).toEqual(['09:00', '09:30', '10:00', '13:00']);
  });

  it('merges touching intervals so an appointment may span them', () => {
    const slots = findSlots(berlin([hours(9, 10), hours(10, 11)]), query({ ...week, stepMinutes: 30 }));
    expect(slots.map((slot) => slot.localStartsAt.slice(11, 16))).toEqual(['09:00', '09:30', '10:00']);
  });

  it('uses a date override instead of the weekday: other intervals, or closed', () => {
    const schedule = berlin([hours(9, 12)], { '2026-03-30': [hours(14, 16)], '2026-03-31': [] });
    expect(findSlots(schedule, query(week)).map((slot) => slot.localStartsAt.slice(11, 16))).toEqual(['14:00', '15:00']);
    expect(findSlots(schedule, query({ from: '2026-03-31', to: '2026-03-31' }))).toEqual([]);
  });

  it('leaves out what overlaps busy time, buffers of the new appointment included', () => {
    // Busy 10:00-11:00 local (08:00Z-09:00Z) with nothing around it.
    const busy = [{ from: at('2026-03-30T08:00:00Z'), until: at('2026-03-30T09:00:00Z') }];
    const plain = findSlots(berlin([hours(8, 13)]), query({ ...week, busy }));
    expect(plain.map((slot) => slot.localStartsAt.slice(11, 16))).toEqual(['08:00', '09:00', '11:00', '12:00']);
    const buffered = findSlots(
      berlin([hours(8, 13)]),
      query({ ...week, busy, terms: { durationMinutes: 60, bufferBeforeMinutes: 15, bufferAfterMinutes: 15 } }),
    );
    // 09:00-10:00 plus 15 minutes after touches 10:00; 11:00 minus 15 minutes before touches 11:00.
    expect(buffered.map((slot) => slot.localStartsAt.slice(11, 16))).toEqual(['08:00', '12:00']);
  });

  it('starts no earlier than the minimum notice allows', () => {
    const slots = findSlots(berlin([hours(9, 13)]), query({ ...week, earliestStart: at('2026-03-30T08:30:00Z') }));
    expect(slots.map((slot) => slot.localStartsAt.slice(11, 16))).toEqual(['11:00', '12:00']);
  });

  it('tells whether an appointment lies inside availability', () => {
    const schedule = berlin([hours(9, 17)]);
    expect(insideAvailability(schedule, at('2026-03-30T07:00:00Z'), at('2026-03-30T08:00:00Z'))).toBe(true);
    expect(insideAvailability(schedule, at('2026-03-30T06:30:00Z'), at('2026-03-30T07:30:00Z'))).toBe(false);
    expect(insideAvailability(schedule, at('2026-03-30T14:30:00Z'), at('2026-03-30T15:30:00Z'))).toBe(false);
  });
});
