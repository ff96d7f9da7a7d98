import { describe, expect, it } from 'vitest';
import { Decimal } from '@tessera/service-kit';
import { checkDealAmount, checkLostReason, checkOpenStage, isOpenStage } from './deal-rules.js';

const field = ['input', 'amount'];

describe('deal rules', () => {
  it('knows the open and final stages', () => {
    expect(['LEAD', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION'].every((s) => isOpenStage(s as never))).toBe(true);
    expect(isOpenStage('WON')).toBe(false);
    expect(isOpenStage('LOST')).toBe(false);
  });

  it('starts deals in LEAD by default and never in a final stage', () => {
    expect(checkOpenStage(undefined, ['s'])).toEqual({ ok: true, value: 'LEAD' });
    expect(checkOpenStage('PROPOSAL', ['s'])).toEqual({ ok: true, value: 'PROPOSAL' });
    expect(checkOpenStage('WON', ['s'])).toMatchObject({ ok: false, errors: [{ code: 'INVALID_STAGE', field: ['s'] }] });
  });

  it('rounds amounts half-up to the currency’s minor unit and upper-cases the currency', () => {
    const check = (amount: string, currency: string) => {
      const result = checkDealAmount(new Decimal(amount), currency, field);
      return result.ok ? [result.value.amount.toFixed(), result.value.currency] : result.errors.map((e) => e.code);
    };
    expect(check('10.005', 'eur')).toEqual(['10.01', 'EUR']);
    expect(check('10.004', 'EUR')).toEqual(['10', 'EUR']);
    expect(check('10.5', 'JPY')).toEqual(['11', 'JPY']);
    expect(check('1.0005', 'KWD')).toEqual(['1.001', 'KWD']);
    expect(check('999999999999999.99', 'USD')).toEqual(['999999999999999.99', 'USD']);
  });

  it('refuses amounts that are not more than zero after rounding, too large, or in an unknown currency', () => {
    const codes = (amount: string, currency: string) => {
      const result = checkDealAmount(new Decimal(amount), currency, field);
      return result.ok ? [] : result.errors.map((e) => [e.code, e.field]);
    };
    expect(codes('0', 'EUR')).toEqual([['INVALID_AMOUNT', ['input', 'amount', 'amount']]]);
    expect(codes('0.004', 'EUR')).toEqual([['INVALID_AMOUNT', ['input', 'amount', 'amount']]]);
    expect(codes('0.4', 'JPY')).toEqual([['INVALID_AMOUNT', ['input', 'amount', 'amount']]]);
    expect(codes('1000000000000000', 'EUR')).toEqual([['INVALID_AMOUNT', ['input', 'amount', 'amount']]]);
    expect(codes('999999999999999.995', 'EUR')).toEqual([['INVALID_AMOUNT', ['input', 'amount', 'amount']]]);
    expect(codes('5', 'EURO')).toEqual([['INVALID_CURRENCY', ['input', 'amount', 'currency']]]);
    expect(codes('-5', 'ZZZ')).toEqual([
      ['INVALID_CURRENCY', ['input', 'amount', 'currency']],
      ['INVALID_AMOUNT', ['input', 'amount', 'amount']],
    ]);
  });

  it('trims a lost reason and bounds it to 1000 characters', () => {
    expect(checkLostReason('  Budget cut ', ['r'])).toEqual({ ok: true, value: 'Budget cut' });
    expect(checkLostReason(' ', ['r'])).toEqual({ ok: true, value: null });
    expect(checkLostReason(null, ['r'])).toEqual({ ok: true, value: null });
    expect(checkLostReason('x'.repeat(1001), ['r'])).toMatchObject({ ok: false, errors: [{ code: 'INVALID', field: ['r'] }] });
  });
});
