import { describe, expect, it } from 'vitest';
import { DateScalar, DecimalScalar, DateTimeScalar, isoDay, utcDay } from './scalars.js';

describe('scalars', () => {
  it('Decimal accepts decimal strings and integers, never floats', () => {
    expect(DecimalScalar.parseValue('12.50')?.toFixed()).toBe('12.5');
    expect(DecimalScalar.parseValue(3)?.toFixed()).toBe('3');
    expect(() => DecimalScalar.parseValue(0.1)).toThrow(/Invalid Decimal/);
    expect(() => DecimalScalar.parseValue('1e5')).toThrow(/Invalid Decimal/);
  });

  it('Date accepts only real calendar dates', () => {
    expect(DateScalar.serialize(DateScalar.parseValue('2024-02-29'))).toBe('2024-02-29');
    expect(() => DateScalar.parseValue('2025-02-29')).toThrow(/not a calendar date/);
    expect(() => DateScalar.parseValue('21/11/2026')).toThrow(/YYYY-MM-DD/);
  });

  it('DateTime serialises in UTC ISO 8601', () => {
    expect(DateTimeScalar.serialize(new Date('2026-11-21T10:00:00+02:00'))).toBe('2026-11-21T08:00:00.000Z');
    expect(() => DateTimeScalar.parseValue('yesterday')).toThrow(/ISO 8601/);
  });
});

describe('dates and instants at the edges (stored exactly as given)', () => {
  it('Date keeps every year from 1 to 9999, and refuses year 0', () => {
    for (const day of ['0001-01-01', '0099-06-15', '0100-03-01', '1999-12-31', '9999-12-31']) {
      expect(DateScalar.serialize(DateScalar.parseValue(day))).toBe(day);
    }
    expect(() => DateScalar.parseValue('0000-01-01')).toThrow(/year/);
    expect(() => DateScalar.parseValue('2026-02-30')).toThrow(/not a calendar date/);
  });

  it('DateTime takes strict ISO 8601 only, years 1 to 9999', () => {
    expect(DateTimeScalar.serialize(DateTimeScalar.parseValue('0001-01-01T00:00:00Z'))).toBe('0001-01-01T00:00:00.000Z');
    expect(DateTimeScalar.serialize(DateTimeScalar.parseValue('9999-12-31T23:59:59.999Z'))).toBe('9999-12-31T23:59:59.999Z');
    expect(DateTimeScalar.serialize(DateTimeScalar.parseValue('2026-11-21T10:00+02:00'))).toBe('2026-11-21T08:00:00.000Z');
    for (const lenient of [
      '1',
      '2026',
      '2026-11-21',
      'March 3, 2026',
      '2026-11-21 10:00:00',
      '2026-11-21T10:00:00',
      '+275760-09-13T00:00:00Z',
    ]) {
      expect(() => DateTimeScalar.parseValue(lenient), lenient).toThrow(/ISO 8601/);
    }
    expect(() => DateTimeScalar.parseValue('2026-02-30T10:00:00Z')).toThrow(/not a valid instant/);
    expect(() => DateTimeScalar.parseValue('2026-11-21T24:00:00Z')).toThrow(/not a valid instant/);
    expect(() => DateTimeScalar.parseValue('9999-12-31T23:00:00-05:00')).toThrow(/year/);
  });
});

describe('utcDay', () => {
  it('keeps the year of every instant, the years 1 to 99 included (Date.UTC would make them 1901 to 1999)', () => {
    for (const iso of ['0001-01-01', '0099-06-15', '0100-01-01', '1999-12-31', '9999-12-31']) {
      expect(isoDay(utcDay(new Date(`${iso}T17:45:12.345Z`)))).toBe(iso);
      expect(utcDay(new Date(`${iso}T17:45:12.345Z`)).toISOString()).toBe(`${iso}T00:00:00.000Z`);
    }
  });
});
