import { describe, expect, it } from 'vitest';
import { Decimal } from '@tessera/service-kit';
import {
  draftSale,
  netCash,
  receiptNumber,
  reconcile,
  submissionHash,
  type SaleLineSubmission,
  type SalePaymentSubmission,
} from './sale-draft.js';

const VARIANT = '0193a1b2-0000-7000-8000-000000000001';
const line = (quantity: number, unitPrice: string, discount?: string): SaleLineSubmission => ({
  variantId: VARIANT,
  sku: 'SKU',
  name: 'Item',
  quantity,
  unitPrice: new Decimal(unitPrice),
  discount: discount === undefined ? null : new Decimal(discount),
});
const cash = (amount: string): SalePaymentSubmission => ({ method: 'CASH', amount: new Decimal(amount) });
const card = (amount: string): SalePaymentSubmission => ({ method: 'CARD', amount: new Decimal(amount) });

function ok(currency: string, lines: SaleLineSubmission[], payments: SalePaymentSubmission[]) {
  const draft = draftSale(currency, lines, payments);
  if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
  return draft.value;
}
function codes(currency: string, lines: SaleLineSubmission[], payments: SalePaymentSubmission[]) {
  const draft = draftSale(currency, lines, payments);
  return draft.ok ? [] : draft.errors.map((error) => error.code);
}

describe('draftSale totals', () => {
  it('sums lines, discounts and change exactly', () => {
    const draft = ok('EUR', [line(3, '0.10'), line(2, '9.99', '1.98')], [cash('50')]);
    expect(draft.subtotal.toFixed(2)).toBe('20.28');
    expect(draft.lines.map((l) => l.lineTotal.toFixed(2))).toEqual(['0.30', '18.00']);
    expect(draft.total.toFixed(2)).toBe('18.30');
    expect(draft.discountTotal.toFixed(2)).toBe('1.98');
    expect(draft.change.toFixed(2)).toBe('31.70');
  });

  it('rounds each line half-up to the minor unit', () => {
    // 3 x 0.335 = 1.005 -> 1.01 (half-up, not banker's 1.00); 1 x 0.0049 -> 0.00
    const draft = ok('EUR', [line(3, '0.335'), line(1, '0.0049')], [cash('1.01')]);
    expect(draft.lines.map((l) => l.lineTotal.toFixed(2))).toEqual(['1.01', '0.00']);
    expect(draft.total.toFixed(2)).toBe('1.01');
    expect(draft.change.toFixed(2)).toBe('0.00');
  });

  it('rounds to whole yen for JPY', () => {
    const draft = ok('JPY', [line(3, '33.5')], [cash('101')]);
    expect(draft.total.toFixed()).toBe('101');
    expect(codes('JPY', [line(1, '100')], [cash('100.5')])).toEqual(['INVALID']);
  });

  it('accepts card up to the amount due plus cash over it, and gives change from the cash', () => {
    const draft = ok('EUR', [line(1, '30')], [card('25'), cash('10')]);
    expect(draft.change.toFixed(2)).toBe('5.00');
    expect(draft.tendered.toFixed(2)).toBe('35.00');
  });

  it('refuses a card payment over the amount due', () => {
    expect(codes('EUR', [line(1, '30')], [card('30.01')])).toEqual(['CARD_EXCEEDS_AMOUNT_DUE']);
    expect(codes('EUR', [line(1, '30')], [card('20'), card('10.01')])).toEqual(['CARD_EXCEEDS_AMOUNT_DUE']);
  });

  it('refuses payments short of the amount due', () => {
    expect(codes('EUR', [line(1, '30')], [cash('29.99')])).toEqual(['INSUFFICIENT_PAYMENT']);
  });

  it('refuses invalid lines and payments', () => {
    expect(codes('EUR', [], [cash('1')])).toEqual(['INVALID']);
    expect(codes('EUR', [line(1, '1')], [])).toEqual(['INVALID']);
    expect(codes('EUR', [line(0, '1')], [cash('1')])).toEqual(['INVALID']);
    expect(codes('EUR', [line(1, '-1')], [cash('1')])).toEqual(['INVALID']);
    expect(codes('EUR', [line(1, '1.00001')], [cash('2')])).toEqual(['INVALID']);
    expect(codes('EUR', [line(1, '1', '1.01')], [cash('1')])).toEqual(['INVALID']);
    expect(codes('EUR', [line(1, '1')], [cash('0')])).toEqual(['INVALID']);
    expect(codes('EUR', [{ ...line(1, '1'), variantId: 'nope' }], [cash('1')])).toEqual(['INVALID']);
  });
});

describe('submission fingerprint', () => {
  const submitted = (quantity: number, unitPrice: string | null, reason: string | null = null) => [
    { variantId: VARIANT, quantity, unitPrice: unitPrice === null ? null : new Decimal(unitPrice), priceReason: reason },
  ];
  it('is the same however the numbers are written, and differs for another sale', () => {
    const payments = (amount: string) => [{ method: 'CASH' as const, amount: new Decimal(amount) }];
    expect(submissionHash(submitted(2, '5'), payments('20'))).toBe(submissionHash(submitted(2, '5.00'), payments('20.00')));
    expect(submissionHash(submitted(2, null), payments('20'))).not.toBe(submissionHash(submitted(2, '5'), payments('20')));
    expect(submissionHash(submitted(2, '5'), payments('20'))).not.toBe(submissionHash(submitted(3, '5'), payments('20')));
    expect(submissionHash(submitted(2, '4', 'a'), payments('20'))).not.toBe(submissionHash(submitted(2, '4', 'b'), payments('20')));
  });
});

describe('receipts and cash', () => {
  it('numbers receipts per register', () => {
    expect(receiptNumber(1, 42)).toBe('R1-000042');
    expect(receiptNumber(12, 1234567)).toBe('R12-1234567');
  });

  it('counts cash net of change, and reconciles over and short', () => {
    expect(
      netCash(
        [
          { method: 'CASH', amount: new Decimal(20) },
          { method: 'CARD', amount: new Decimal(5) },
        ],
        new Decimal(7),
      ).toFixed(),
    ).toBe('13');
    const short = reconcile(new Decimal(100), new Decimal(50), new Decimal(10), new Decimal('139.50'));
    expect([short.expected.toFixed(2), short.difference.toFixed(2)]).toEqual(['140.00', '-0.50']);
    expect(reconcile(new Decimal(100), new Decimal(0), new Decimal(0), new Decimal(101)).difference.toFixed(2)).toBe('1.00');
  });
});
