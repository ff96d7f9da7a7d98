import { describe, expect, it } from 'vitest';
import { addDays, formatLocal, isoWeekday, isTimeZone, localToUtc, offsetMs, utcToLocal } from './time-zones.js';

const HOUR = 3_600_000;

describe('time zones', () => {
  it('accepts IANA names and refuses offsets, abbreviations that are not zones and junk', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('+02:00')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone('Europe/Berlin; DROP TABLE')).toBe(false);
  });

  it('knows the Berlin offsets on both sides of the 2026 DST changes', () => {
    expect(offsetMs(new Date('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toBe(1 * HOUR);
    expect(offsetMs(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(offsetMs(new Date('2026-10-25T00:59:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(offsetMs(new Date('2026-10-25T01:00:00Z'), 'Europe/Berlin')).toBe(1 * HOUR);
  });

  it('converts wall-clock times to instants, DST included', () => {
    expect(localToUtc('2026-03-28', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(localToUtc('2026-03-29', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(localToUtc('2026-10-25', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(localToUtc('2026-03-29', 0, 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    // 24:00 is the next midnight (already summer time).
    expect(localToUtc('2026-03-29', 1440, 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // 02:30 does not exist on 2026-03-29 in Berlin: it maps past the gap (03:30 CEST).
    expect(localToUtc('2026-03-29', 150, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 2026-10-25: the later one (CET).
    expect(localToUtc('2026-10-25', 150, 'Europe/Berlin').toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(localToUtc('2026-07-01', 9 * 60, 'America/New_York').toISOString()).toBe('2026-07-01T13:00:00.000Z');
  });

  it('reads instants back as local dates and minutes, and formats them with the offset', () => {
    expect(utcToLocal(new Date('2026-03-28T23:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-03-29', minute: 30 });
    expect(utcToLocal(new Date('2026-03-28T23:30:00Z'), 'UTC')).toEqual({ date: '2026-03-28', minute: 23 * 60 + 30 });
    expect(formatLocal(new Date('2026-03-29T07:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29T09:00:00+02:00');
    expect(formatLocal(new Date('2026-03-29T07:00:00Z'), 'America/New_York')).toBe('2026-03-29T03:00:00-04:00');
    expect(formatLocal(new Date('2026-03-29T07:00:00Z'), 'Asia/Kolkata')).toBe('2026-03-29T12:30:00+05:30');
  });

  it('takes the years 1..99 as they are, not as 1900..1999 (Date.UTC would)', () => {
    for (const date of ['0001-01-01', '0099-12-31', '0100-01-01', '1999-12-31', '9999-12-31']) {
      expect(localToUtc(date, 9 * 60, 'UTC').toISOString(), date).toBe(`${date}T09:00:00.000Z`);
      expect(offsetMs(new Date(`${date}T09:00:00.000Z`), 'UTC'), date).toBe(0);
      expect(utcToLocal(localToUtc(date, 9 * 60, 'Asia/Tokyo'), 'Asia/Tokyo'), date).toEqual({ date, minute: 9 * 60 });
    }
  });

  it('counts dates and weekdays', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isoWeekday('2026-03-29')).toBe(7);
    expect(isoWeekday('2026-03-30')).toBe(1);
  });
});
