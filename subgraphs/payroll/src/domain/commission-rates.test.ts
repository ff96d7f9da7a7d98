import { describe, expect, it } from 'vitest';
import { Decimal } from '@tessera/service-kit';
import { checkRate, commissionAmount, DEFAULT_COMMISSION_RATE, effectiveRate } from './commission-rates.js';

const d = (value: string) => new Decimal(value);

describe('commission rates', () => {
  it('accepts percentages from 0 to 100 with at most 4 decimals', () => {
    for (const ok of ['0', '10', '12.5', '99.9999', '100']) expect(checkRate(d(ok), ['r']).ok, ok).toBe(true);
    for (const bad of ['-0.0001', '100.0001', '101', '12.34567']) {
      expect(checkRate(d(bad), ['input', 'rate']), bad).toMatchObject({
        ok: false,
        errors: [{ code: 'INVALID_RATE', field: ['input', 'rate'] }],
      });
    }
  });

  it('prefers the employee’s rate, then the tenant’s, then 10%', () => {
    expect(effectiveRate(d('7'), d('12')).toFixed()).toBe('7');
    expect(effectiveRate(d('0'), d('12')).toFixed()).toBe('0');
    expect(effectiveRate(null, d('12')).toFixed()).toBe('12');
    expect(effectiveRate(null, null)).toBe(DEFAULT_COMMISSION_RATE);
    expect(DEFAULT_COMMISSION_RATE.toFixed()).toBe('10');
  });

  it('computes deal amount x rate, rounded half-up to the currency’s minor unit', () => {
    expect(commissionAmount(d('1000'), d('10'), 'EUR').toFixed(2)).toBe('100.00');
    // 333.35 x 12.5% = 41.66875 -> 41.67
    expect(commissionAmount(d('333.35'), d('12.5'), 'EUR').toFixed()).toBe('41.67');
    // 0.05 x 10% = 0.005 -> 0.01 (half-up, not banker's)
    expect(commissionAmount(d('0.05'), d('10'), 'EUR').toFixed()).toBe('0.01');
    // 0.04 x 10% = 0.004 -> 0
    expect(commissionAmount(d('0.04'), d('10'), 'EUR').toFixed()).toBe('0');
    // JPY has no minor unit: 1005 x 5% = 50.25 -> 50; 1010 x 5% = 50.5 -> 51
    expect(commissionAmount(d('1005'), d('5'), 'JPY').toFixed()).toBe('50');
    expect(commissionAmount(d('1010'), d('5'), 'JPY').toFixed()).toBe('51');
    // KWD has three: 10.001 x 7.5% = 0.7500750 -> 0.750
    expect(commissionAmount(d('10.001'), d('7.5'), 'KWD').toFixed(3)).toBe('0.750');
    expect(commissionAmount(d('1234.56'), d('0'), 'USD').toFixed()).toBe('0');
  });
});
