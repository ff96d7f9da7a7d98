import { describe, expect, it } from 'vitest';
import { addMonths, checkIntervals, checkServiceKind, dayOf, dueOf, isDueWithin, nextDue } from './service-schedule.js';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const F = ['input', 'everyDistance'];

describe('service schedule', () => {
  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths(day('2026-01-31'), 1)).toEqual(day('2026-02-28'));
    expect(addMonths(day('2024-01-31'), 1)).toEqual(day('2024-02-29'));
    expect(addMonths(day('2026-11-21'), 12)).toEqual(day('2027-11-21'));
    expect(addMonths(day('2026-11-30'), 3)).toEqual(day('2027-02-28'));
  });

  it('keeps years below 100 where they are (Date.UTC would move them to 1900 + y)', () => {
    expect(addMonths(day('0001-03-15'), 12)).toEqual(day('0002-03-15'));
    expect(addMonths(day('0099-12-31'), 2)).toEqual(day('0100-02-28'));
    expect(addMonths(day('0100-01-31'), 1)).toEqual(day('0100-02-28'));
    expect(addMonths(day('9998-12-01'), 1)).toEqual(day('9999-01-01'));
    expect(dayOf(new Date('0099-06-30T23:59:59.999Z'))).toEqual(day('0099-06-30'));
    expect(dayOf(new Date('0001-01-01T12:00:00.000Z'))).toEqual(day('0001-01-01'));
  });

  it('derives the due day and reading from the last service', () => {
    expect(dueOf({ everyDistance: 15000, everyMonths: 12, lastServiceDate: day('2026-01-15'), lastServiceOdometer: 1000 })).toEqual({
      dueDate: day('2027-01-15'),
      dueOdometer: 16000,
    });
    expect(dueOf({ everyDistance: null, everyMonths: 6, lastServiceDate: day('2026-01-15'), lastServiceOdometer: 0 })).toEqual({
      dueDate: day('2026-07-15'),
      dueOdometer: null,
    });
  });

  it('is due by date or by distance, within the look-ahead', () => {
    const today = new Date('2026-11-21T18:00:00.000Z');
    const byDate = { dueDate: day('2026-11-25'), dueOdometer: null };
    expect(isDueWithin(byDate, 0, today)).toBe(false);
    expect(isDueWithin(byDate, 0, today, 3)).toBe(false);
    expect(isDueWithin(byDate, 0, today, 4)).toBe(true);
    expect(isDueWithin({ dueDate: day('2026-11-21'), dueOdometer: null }, 0, today)).toBe(true);
    const byDistance = { dueDate: null, dueOdometer: 16000 };
    expect(isDueWithin(byDistance, 15000, today, 0, 999)).toBe(false);
    expect(isDueWithin(byDistance, 15000, today, 0, 1000)).toBe(true);
    expect(isDueWithin(byDistance, 16001, today)).toBe(true);
  });

  it('picks the next service: due first, then earliest date, then least distance', () => {
    const today = day('2026-11-21');
    const a = { kind: 'A', dueDate: day('2027-01-01'), dueOdometer: null };
    const b = { kind: 'B', dueDate: null, dueOdometer: 20000 };
    const c = { kind: 'C', dueDate: day('2027-06-01'), dueOdometer: 12000 };
    expect(nextDue([b, c, a], 10000, today)?.kind).toBe('A');
    expect(nextDue([b, c, a], 12000, today)?.kind).toBe('C');
    expect(nextDue([b], 0, today)?.kind).toBe('B');
    expect(nextDue([], 0, today)).toBeNull();
  });

  it('normalises service kinds and checks intervals', () => {
    expect(checkServiceKind(' oil change ', F)).toEqual({ ok: true, value: 'OIL_CHANGE' });
    expect(checkServiceKind('oil-change', F)).toEqual({ ok: true, value: 'OIL_CHANGE' });
    expect(checkServiceKind('oil!', F).ok).toBe(false);
    expect(checkIntervals(null, null, F).ok).toBe(false);
    expect(checkIntervals(0, null, F).ok).toBe(false);
    expect(checkIntervals(null, 121, F).ok).toBe(false);
    expect(checkIntervals(15000, 12, F)).toEqual({ ok: true, value: { everyDistance: 15000, everyMonths: 12 } });
  });
});
