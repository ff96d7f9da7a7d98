import { describe, expect, it } from 'vitest';
import { Decimal } from '@tessera/service-kit';
import { dailySeries, totalIn, totalsByCurrency } from './totals.js';

const total = (currency: string, value: string) => ({ currency, value: new Decimal(value) });

describe('totals', () => {
  it('totalIn sums one currency only and never converts the others', () => {
    const totals = [total('EUR', '10.5'), total('USD', '99'), total('EUR', '0.25')];
    expect(totalIn(totals, 'EUR')).toEqual({ amount: '10.75', currency: 'EUR' });
    expect(totalIn(totals, 'GBP')).toEqual({ amount: '0.00', currency: 'GBP' });
    expect(totalIn(totals, 'JPY')).toEqual({ amount: '0', currency: 'JPY' });
  });

  it('totalsByCurrency gives one Money per currency with something, by code', () => {
    expect(totalsByCurrency([total('USD', '1'), total('EUR', '2'), total('USD', '3'), total('GBP', '0')])).toEqual([
      { amount: '2.00', currency: 'EUR' },
      { amount: '4.00', currency: 'USD' },
    ]);
  });

  it('dailySeries has a point for every day, zero where nothing happened', () => {
    const values = new Map([['2026-03-02', new Decimal('12.5')]]);
    expect(dailySeries(['2026-03-01', '2026-03-02', '2026-03-03'], values, 'EUR')).toEqual([
      { date: new Date('2026-03-01T00:00:00Z'), value: '0.00' },
      { date: new Date('2026-03-02T00:00:00Z'), value: '12.50' },
      { date: new Date('2026-03-03T00:00:00Z'), value: '0.00' },
    ]);
  });
});
