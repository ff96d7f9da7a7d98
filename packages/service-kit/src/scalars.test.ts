import { describe, expect, it } from 'vitest';
import { DateScalar, DecimalScalar, DateTimeScalar } from './scalars.js';

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
