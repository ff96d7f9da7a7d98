import { describe, expect, it } from 'vitest';
import { checkPlate, checkVin, checkYear, vinCheckDigit } from './vehicle-fields.js';

const F = ['input', 'x'];

describe('VIN', () => {
  it('computes the North-American check digit (49 CFR 565)', () => {
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(vinCheckDigit('11111111111111111')).toBe('1');
    expect(vinCheckDigit('1HGCM82633A004352')).toBe('3');
  });

  it('accepts valid VINs, upper-casing them', () => {
    expect(checkVin(' 1m8gdm9axkp042788 ', F)).toEqual({ ok: true, value: '1M8GDM9AXKP042788' });
    expect(checkVin('1HGCM82633A004352', F).ok).toBe(true);
    // European VIN: position 9 is not a check digit.
    expect(checkVin('WVWZZZ1JZXW000001', F).ok).toBe(true);
  });

  it('refuses wrong length, I/O/Q and a wrong North-American check digit', () => {
    for (const vin of [
      '1HGCM82633A00435',
      '1HGCM82633A0043521',
      '1HGCM8263IA004352',
      'WVWZZZ1JZOW000001',
      'WVWZZZ1JZQW000001',
      '1HGCM82634A004352',
    ]) {
      const checked = checkVin(vin, F);
      expect(checked.ok, vin).toBe(false);
      if (!checked.ok) expect(checked.errors[0]!.code).toBe('INVALID_VIN');
    }
  });
});

describe('plate', () => {
  it('normalises for display and comparison', () => {
    expect(checkPlate('  b-ab   123 ', F)).toEqual({ ok: true, value: { display: 'B-AB 123', normalized: 'BAB123' } });
    expect(checkPlate('München 1', F)).toEqual({ ok: true, value: { display: 'MÜNCHEN 1', normalized: 'MÜNCHEN1' } });
  });

  it('refuses empty, punctuated or too long plates', () => {
    for (const plate of ['', '  ', '-AB', 'AB_1', 'AB!1', 'A'.repeat(16)]) expect(checkPlate(plate, F).ok, plate).toBe(false);
  });
});

describe('year', () => {
  it('accepts 1886 to next year', () => {
    const today = new Date('2026-06-01T00:00:00Z');
    expect(checkYear(1886, F, today).ok).toBe(true);
    expect(checkYear(2027, F, today).ok).toBe(true);
    expect(checkYear(2028, F, today).ok).toBe(false);
    expect(checkYear(1885, F, today).ok).toBe(false);
  });
});
