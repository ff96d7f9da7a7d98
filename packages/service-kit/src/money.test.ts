import { describe, expect, it } from 'vitest';
import { isCurrency, minorUnits, money, roundToMinorUnit } from './money.js';

describe('money', () => {
  it("knows each currency's minor unit", () => {
    expect([minorUnits('EUR'), minorUnits('JPY'), minorUnits('KWD')]).toEqual([2, 0, 3]);
  });

  it('rounds half-up (away from zero) to the minor unit, exactly', () => {
    expect(roundToMinorUnit('0.125', 'EUR').toFixed()).toBe('0.13');
    expect(roundToMinorUnit('0.124999', 'EUR').toFixed()).toBe('0.12');
    expect(roundToMinorUnit('-0.125', 'EUR').toFixed()).toBe('-0.13');
    expect(roundToMinorUnit('1.005', 'EUR').toFixed()).toBe('1.01'); // 1.005 as a float would give 1.00
    expect(roundToMinorUnit('149.5', 'JPY').toFixed()).toBe('150');
    expect(roundToMinorUnit('1.0005', 'KWD').toFixed()).toBe('1.001');
  });

  it("formats with the currency's decimals and validates ISO 4217 codes", () => {
    expect(money('1250', 'EUR')).toEqual({ amount: '1250.00', currency: 'EUR' });
    expect(money('1250', 'JPY')).toEqual({ amount: '1250', currency: 'JPY' });
    expect([isCurrency('EUR'), isCurrency('eur'), isCurrency('XQQ'), isCurrency('EURO')]).toEqual([true, false, false, false]);
  });
});
