import { describe, expect, it } from 'vitest';
import { Decimal } from '@tessera/service-kit';
import { checkEmail, checkJobTitle, checkName, checkSalary, checkText, departmentNameKey } from './employee-fields.js';

const codes = (result: { ok: boolean; errors?: { code: string }[] }) => (result.ok ? [] : result.errors!.map((e) => e.code));

describe('employee fields', () => {
  it('trims names and refuses blank or over-long ones', () => {
    expect(checkName('  Ada Lovelace ', ['n'])).toEqual({ ok: true, value: 'Ada Lovelace' });
    expect(codes(checkName('   ', ['n']))).toEqual(['INVALID']);
    expect(codes(checkName('x'.repeat(201), ['n']))).toEqual(['INVALID']);
    expect(checkName('x'.repeat(200), ['n']).ok).toBe(true);
  });

  it('lower-cases emails so uniqueness ignores case, and refuses malformed ones', () => {
    expect(checkEmail(' Ada@Example.COM ', ['e'])).toEqual({ ok: true, value: 'ada@example.com' });
    for (const bad of ['', 'ada', 'ada@', '@example.com', 'ada@example', 'a da@example.com']) {
      expect(checkEmail(bad, ['e']), bad).toMatchObject({ ok: false, errors: [{ code: 'INVALID_EMAIL', field: ['e'] }] });
    }
  });

  it('treats a blank job title as none and caps it at 200 characters', () => {
    expect(checkJobTitle('  ', ['j'])).toEqual({ ok: true, value: null });
    expect(checkJobTitle(null, ['j'])).toEqual({ ok: true, value: null });
    expect(checkJobTitle(' Engineer ', ['j'])).toEqual({ ok: true, value: 'Engineer' });
    expect(codes(checkJobTitle('x'.repeat(201), ['j']))).toEqual(['INVALID']);
  });

  it('caps free texts at 1000 characters; blank means none', () => {
    expect(checkText(' ', ['r'], 'Reason')).toEqual({ ok: true, value: null });
    expect(checkText('x'.repeat(1000), ['r'], 'Reason').ok).toBe(true);
    expect(codes(checkText('x'.repeat(1001), ['r'], 'Reason'))).toEqual(['INVALID']);
  });

  it('rounds salaries half-up to the currency, allows zero, refuses negatives, unknown currencies and overflow', () => {
    const check = (amount: string, currency: string) => {
      const result = checkSalary(new Decimal(amount), currency, ['input', 'salary']);
      return result.ok ? [result.value.amount.toFixed(), result.value.currency] : result.errors.map((e) => [e.code, e.field?.at(-1)]);
    };
    expect(check('52000.005', 'eur')).toEqual(['52000.01', 'EUR']);
    expect(check('6000000.5', 'JPY')).toEqual(['6000001', 'JPY']);
    expect(check('0', 'USD')).toEqual(['0', 'USD']);
    expect(check('-1', 'USD')).toEqual([['INVALID_AMOUNT', 'amount']]);
    expect(check('1e15', 'USD')).toEqual([['INVALID_AMOUNT', 'amount']]);
    expect(check('100', 'EURO')).toEqual([['INVALID_CURRENCY', 'currency']]);
    expect(check('100', 'XYZ')).toEqual([['INVALID_CURRENCY', 'currency']]);
  });

  it('keys department names by their trimmed lower-case form', () => {
    expect(departmentNameKey('  Sales ')).toBe('sales');
    expect(departmentNameKey('SALES')).toBe(departmentNameKey('sales'));
  });
});
