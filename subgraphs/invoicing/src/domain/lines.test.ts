import { describe, expect, it } from 'vitest';
import { Decimal } from '@tessera/service-kit';
import { priceLines, type LineInput } from './lines.js';

const line = (quantity: string, unitPrice: string, taxRate?: string, description = 'Work'): LineInput => ({
  description,
  quantity: new Decimal(quantity),
  unitPrice: new Decimal(unitPrice),
  ...(taxRate === undefined ? {} : { taxRate: new Decimal(taxRate) }),
});

describe('priceLines', () => {
  it('prices valid lines and defaults the tax rate to 0', () => {
    const result = priceLines([line('3', '0.335', '19'), line('2', '5')], 'EUR', ['input', 'lines']);
    if (!result.ok) throw new Error('expected valid lines');
    expect(result.value.lines[1]?.taxRate.toFixed()).toBe('0');
    expect(result.value.totals.subtotal.toFixed(2)).toBe('11.01');
    expect(result.value.totals.taxTotal.toFixed(2)).toBe('0.19');
    expect(result.value.totals.total.toFixed(2)).toBe('11.20');
  });

  it('reports each invalid field with its path', () => {
    const result = priceLines([line('0', '-1', '101', ' '), line('1', '1', '-1')], 'EUR', ['input', 'lines']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.field?.join('.')])).toEqual([
      ['INVALID_DESCRIPTION', 'input.lines.0.description'],
      ['INVALID_QUANTITY', 'input.lines.0.quantity'],
      ['INVALID_UNIT_PRICE', 'input.lines.0.unitPrice'],
      ['INVALID_TAX_RATE', 'input.lines.0.taxRate'],
      ['INVALID_TAX_RATE', 'input.lines.1.taxRate'],
    ]);
  });

  it('requires at least one line and refuses more than 4 decimals', () => {
    const empty = priceLines([], 'EUR', ['input', 'lines']);
    expect(empty.ok ? [] : empty.errors.map((e) => e.code)).toEqual(['LINES_REQUIRED']);
    const precise = priceLines([line('1.00001', '1')], 'EUR', ['input', 'lines']);
    expect(precise.ok ? [] : precise.errors.map((e) => e.code)).toEqual(['INVALID_QUANTITY']);
  });

  it('accepts the boundaries: tax 0 and 100, unit price 0', () => {
    expect(priceLines([line('1', '0', '0'), line('1', '10', '100')], 'EUR', ['x']).ok).toBe(true);
  });

  it('refuses totals that do not fit the stored precision', () => {
    const result = priceLines([line('999999999', '9999999')], 'EUR', ['input', 'lines']);
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['AMOUNT_TOO_LARGE']);
  });
});
