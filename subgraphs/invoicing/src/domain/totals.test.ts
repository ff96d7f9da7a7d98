import { describe, expect, it } from 'vitest';
import { amountDue, documentTotals, lineAmounts } from './totals.js';

describe('lineAmounts', () => {
  it('rounds the net half-up to cents and computes tax from the rounded net (3 x 0.335 at 19%)', () => {
    const { net, tax } = lineAmounts({ quantity: '3', unitPrice: '0.335', taxRate: '19' }, 'EUR');
    // 3 x 0.335 = 1.005 -> 1.01 (half-up, never banker's 1.00); 1.01 x 19% = 0.1919 -> 0.19
    expect(net.toFixed()).toBe('1.01');
    expect(tax.toFixed()).toBe('0.19');
  });

  it('rounds exact halves up, not to even', () => {
    expect(lineAmounts({ quantity: '1', unitPrice: '0.125', taxRate: '0' }, 'USD').net.toFixed()).toBe('0.13');
    expect(lineAmounts({ quantity: '1', unitPrice: '0.135', taxRate: '0' }, 'USD').net.toFixed()).toBe('0.14');
    // tax half: 0.50 x 5% = 0.025 -> 0.03
    expect(lineAmounts({ quantity: '1', unitPrice: '0.5', taxRate: '5' }, 'USD').tax.toFixed()).toBe('0.03');
  });

  it('uses no decimals for JPY', () => {
    const { net, tax } = lineAmounts({ quantity: '3', unitPrice: '333.5', taxRate: '10' }, 'JPY');
    // 1000.5 -> 1001; 100.1 -> 100
    expect(net.toFixed()).toBe('1001');
    expect(tax.toFixed()).toBe('100');
    expect(lineAmounts({ quantity: '1', unitPrice: '99', taxRate: '8.5' }, 'JPY').tax.toFixed()).toBe('8'); // 8.415
    expect(lineAmounts({ quantity: '1', unitPrice: '100', taxRate: '10.5' }, 'JPY').tax.toFixed()).toBe('11'); // 10.5 -> 11
  });

  it('uses three decimals for KWD', () => {
    const { net, tax } = lineAmounts({ quantity: '3', unitPrice: '0.3335', taxRate: '5' }, 'KWD');
    // 1.0005 -> 1.001; 0.05005 -> 0.050
    expect(net.toFixed()).toBe('1.001');
    expect(tax.toFixed(3)).toBe('0.050');
    expect(lineAmounts({ quantity: '1', unitPrice: '0.01', taxRate: '15' }, 'KWD').tax.toFixed()).toBe('0.002'); // 0.0015
  });

  it('never uses floats: 0.1 x 3 is exactly 0.30', () => {
    expect(lineAmounts({ quantity: '3', unitPrice: '0.1', taxRate: '0' }, 'USD').net.toFixed(2)).toBe('0.30');
  });

  it('handles a zero tax rate and a zero price', () => {
    const free = lineAmounts({ quantity: '2', unitPrice: '0', taxRate: '20' }, 'EUR');
    expect(free.net.isZero() && free.tax.isZero()).toBe(true);
  });
});

describe('documentTotals', () => {
  it('sums rounded nets and taxes line by line (not the rounding of the sum)', () => {
    const lines = [
      lineAmounts({ quantity: '3', unitPrice: '0.335', taxRate: '19' }, 'EUR'), // 1.01 + 0.19
      lineAmounts({ quantity: '1', unitPrice: '0.005', taxRate: '19' }, 'EUR'), // 0.01 + 0.00
      lineAmounts({ quantity: '2.5', unitPrice: '10', taxRate: '7' }, 'EUR'), // 25.00 + 1.75
    ];
    const totals = documentTotals(lines);
    expect(totals.subtotal.toFixed(2)).toBe('26.02');
    expect(totals.taxTotal.toFixed(2)).toBe('1.94');
    expect(totals.total.toFixed(2)).toBe('27.96');
  });

  it('is zero without lines', () => {
    expect(documentTotals([]).total.toFixed()).toBe('0');
  });
});

describe('amountDue', () => {
  it('is total minus payments minus credits, never negative', () => {
    expect(amountDue({ total: '100', amountPaid: '40', amountCredited: '10' }).toFixed()).toBe('50');
    expect(amountDue({ total: '100', amountPaid: '100', amountCredited: '30' }).toFixed()).toBe('0');
  });
});
