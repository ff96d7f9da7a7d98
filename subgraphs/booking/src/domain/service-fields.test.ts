import { describe, expect, it } from 'vitest';
import { Decimal } from '@tessera/service-kit';
import { checkDuration, checkPrice, checkTimeZone } from './service-fields.js';

describe('service fields', () => {
  it('rounds prices half-up to the currency minor unit and refuses negative amounts and unknown currencies', () => {
    expect(checkPrice(new Decimal('49.995'), 'eur', ['p'])).toMatchObject({ ok: true, value: { currency: 'EUR' } });
    const rounded = checkPrice(new Decimal('49.995'), 'EUR', ['p']);
    expect(rounded.ok && rounded.value.amount.toFixed(2)).toBe('50.00');
    const yen = checkPrice(new Decimal('1000.5'), 'JPY', ['p']);
    expect(yen.ok && yen.value.amount.toFixed(0)).toBe('1001');
    expect(checkPrice(new Decimal('-1'), 'EUR', ['p'])).toMatchObject({ ok: false, errors: [{ code: 'INVALID_AMOUNT' }] });
    expect(checkPrice(new Decimal('1'), 'XXY', ['p'])).toMatchObject({ ok: false, errors: [{ code: 'INVALID_CURRENCY' }] });
  });

  it('needs durations of 5 to 1440 whole minutes', () => {
    expect(checkDuration(30, ['d']).ok).toBe(true);
    expect(checkDuration(4, ['d']).ok).toBe(false);
    expect(checkDuration(1441, ['d']).ok).toBe(false);
    expect(checkDuration(30.5, ['d']).ok).toBe(false);
  });

  it('needs an IANA time zone', () => {
    expect(checkTimeZone(' Europe/Berlin ', ['t'])).toEqual({ ok: true, value: 'Europe/Berlin' });
    expect(checkTimeZone('CEST+2', ['t'])).toMatchObject({ ok: false, errors: [{ code: 'INVALID_TIME_ZONE' }] });
  });
});
