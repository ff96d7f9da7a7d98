import { describe, expect, it } from 'vitest';
import { checkRange, MAX_RANGE_DAYS } from './date-range.js';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('checkRange', () => {
  it('lists every day of the range, both ends included', () => {
    expect(checkRange(day('2026-02-27'), day('2026-03-02'))).toEqual({
      ok: true,
      range: { from: day('2026-02-27'), to: day('2026-03-02') },
      days: ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'],
    });
  });

  it('accepts a single day and exactly 366 days', () => {
    expect(checkRange(day('2026-03-01'), day('2026-03-01'))).toMatchObject({ ok: true, days: ['2026-03-01'] });
    const leap = checkRange(day('2028-01-01'), day('2028-12-31'));
    expect(leap.ok && leap.days.length).toBe(MAX_RANGE_DAYS);
  });

  it('refuses a reversed range and one of 367 days', () => {
    expect(checkRange(day('2026-03-02'), day('2026-03-01'))).toEqual({ ok: false, message: '`range.from` must not be after `range.to`' });
    expect(checkRange(day('2025-01-01'), day('2026-01-02'))).toEqual({
      ok: false,
      message: 'A range covers at most 366 days (this one covers 367)',
    });
  });
});
