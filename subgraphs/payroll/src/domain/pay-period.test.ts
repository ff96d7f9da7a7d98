import { describe, expect, it } from 'vitest';
import { Decimal } from '@tessera/service-kit';
import { basePay, checkPeriod, daysIn, daysInYear, employedDuring, isCalendarMonth, type Period } from './pay-period.js';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const period = (start: string, end: string): Period => ({ start: day(start), end: day(end) });

describe('pay periods', () => {
  it('counts days with both ends included and knows leap years', () => {
    expect(daysIn(period('2026-11-01', '2026-11-30'))).toBe(30);
    expect(daysIn(period('2026-11-21', '2026-11-21'))).toBe(1);
    expect(daysIn(period('2026-03-01', '2026-03-31'))).toBe(31); // across the DST change in Europe: UTC dates only
    expect([daysInYear(2024), daysInYear(2026), daysInYear(1900), daysInYear(2000)]).toEqual([366, 365, 365, 366]);
  });

  it('refuses a period ending before it starts or longer than 366 days', () => {
    expect(checkPeriod(day('2026-11-01'), day('2026-11-30'), ['p']).ok).toBe(true);
    expect(checkPeriod(day('2024-01-01'), day('2024-12-31'), ['p']).ok).toBe(true);
    expect(checkPeriod(day('2026-11-02'), day('2026-11-01'), ['input', 'periodEnd'])).toMatchObject({
      ok: false,
      errors: [{ code: 'INVALID_PERIOD', field: ['input', 'periodEnd'] }],
    });
    expect(checkPeriod(day('2026-01-01'), day('2027-01-02'), ['p'])).toMatchObject({ ok: false, errors: [{ code: 'INVALID_PERIOD' }] });
  });

  it('recognises whole calendar months only', () => {
    expect(isCalendarMonth(period('2026-02-01', '2026-02-28'))).toBe(true);
    expect(isCalendarMonth(period('2024-02-01', '2024-02-29'))).toBe(true);
    expect(isCalendarMonth(period('2024-02-01', '2024-02-28'))).toBe(false);
    expect(isCalendarMonth(period('2026-11-02', '2026-11-30'))).toBe(false);
    expect(isCalendarMonth(period('2026-11-01', '2026-12-31'))).toBe(false);
    expect(isCalendarMonth(period('2026-12-01', '2026-12-31'))).toBe(true);
  });

  it('clips the period to the days employed; none when hired after it or terminated before it', () => {
    const nov = period('2026-11-01', '2026-11-30');
    expect(employedDuring(nov, null, null)).toEqual(nov);
    expect(employedDuring(nov, day('2020-01-01'), day('2030-01-01'))).toEqual(nov);
    expect(employedDuring(nov, day('2026-11-16'), null)).toEqual(period('2026-11-16', '2026-11-30'));
    expect(employedDuring(nov, null, day('2026-11-10'))).toEqual(period('2026-11-01', '2026-11-10'));
    expect(employedDuring(nov, day('2026-11-30'), null)).toEqual(period('2026-11-30', '2026-11-30'));
    expect(employedDuring(nov, null, day('2026-11-01'))).toEqual(period('2026-11-01', '2026-11-01'));
    expect(employedDuring(nov, day('2026-12-01'), null)).toBeNull();
    expect(employedDuring(nov, null, day('2026-10-31'))).toBeNull();
  });

  it('pays a whole calendar month as 1/12 of the yearly salary, rounded half-up', () => {
    const nov = period('2026-11-01', '2026-11-30');
    expect(basePay(new Decimal('60000'), 'EUR', nov, nov).toFixed(2)).toBe('5000.00');
    // 50000 / 12 = 4166.666... -> 4166.67
    expect(basePay(new Decimal('50000'), 'EUR', nov, nov).toFixed()).toBe('4166.67');
    // 100 / 12 = 8.333... -> 8 in JPY
    expect(basePay(new Decimal('100'), 'JPY', nov, nov).toFixed()).toBe('8');
    const feb = period('2026-02-01', '2026-02-28');
    expect(basePay(new Decimal('60000'), 'EUR', feb, feb).toFixed()).toBe('5000');
  });

  it('pays other periods and partial months by the day: salary x days / days in the year', () => {
    const nov = period('2026-11-01', '2026-11-30');
    // hired on the 16th: 15 days of 365: 36500 x 15 / 365 = 1500
    expect(basePay(new Decimal('36500'), 'EUR', nov, period('2026-11-16', '2026-11-30')).toFixed()).toBe('1500');
    // two weeks: 36500 x 14 / 365 = 1400
    const fortnight = period('2026-11-02', '2026-11-15');
    expect(basePay(new Decimal('36500'), 'EUR', fortnight, fortnight).toFixed()).toBe('1400');
    // 10000 x 1 / 365 = 27.3972... -> 27.40
    const oneDay = period('2026-11-21', '2026-11-21');
    expect(basePay(new Decimal('10000'), 'EUR', oneDay, oneDay).toFixed()).toBe('27.4');
    // across New Year: 2024-12-31 is 1/366 of 2024, 2025-01-01 is 1/365 of 2025
    const newYear = period('2024-12-31', '2025-01-01');
    const expected = new Decimal('36600')
      .dividedBy(366)
      .plus(new Decimal('36600').dividedBy(365))
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    expect(basePay(new Decimal('36600'), 'EUR', newYear, newYear).toFixed()).toBe(expected.toFixed());
    expect(expected.toFixed()).toBe('200.27');
    // a whole leap year is the whole salary
    const year = period('2024-01-01', '2024-12-31');
    expect(basePay(new Decimal('52000'), 'EUR', year, year).toFixed()).toBe('52000');
  });

  it('knows the months and years below 100 (which Date.UTC would read as 1900 + y)', () => {
    expect(isCalendarMonth(period('0099-02-01', '0099-02-28'))).toBe(true);
    expect(isCalendarMonth(period('0004-02-01', '0004-02-29'))).toBe(true);
    expect(isCalendarMonth(period('0001-12-01', '0001-12-31'))).toBe(true);
    const days = period('0099-03-01', '0099-03-10');
    expect(basePay(new Decimal('36500'), 'EUR', days, days).toFixed()).toBe('1000');
    // across New Year 99 -> 100: a day of each (neither is a leap year)
    const newYear = period('0099-12-31', '0100-01-01');
    expect(basePay(new Decimal('36500'), 'EUR', newYear, newYear).toFixed()).toBe('200');
  });
});
