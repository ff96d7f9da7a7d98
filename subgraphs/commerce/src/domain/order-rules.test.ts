import { describe, expect, it } from 'vitest';
import { allows, orderNumber, planFulfilment, statusAfterFulfilment } from './order-rules.js';

describe('order transitions', () => {
  it('confirms only UNCONFIRMED, cancels only before fulfilment, returns only FULFILLED', () => {
    expect(allows('confirm', 'UNCONFIRMED')).toBe(true);
    expect(allows('confirm', 'UNFULFILLED')).toBe(false);
    expect(allows('fulfill', 'UNCONFIRMED')).toBe(false);
    expect(allows('fulfill', 'PARTIALLY_FULFILLED')).toBe(true);
    expect(allows('cancel', 'UNFULFILLED')).toBe(true);
    expect(allows('cancel', 'PARTIALLY_FULFILLED')).toBe(false);
    expect(allows('cancel', 'CANCELED')).toBe(false);
    expect(allows('return', 'FULFILLED')).toBe(true);
    expect(allows('return', 'RETURNED')).toBe(false);
  });
});

describe('orderNumber', () => {
  it('pads to six digits and grows beyond', () => {
    expect(orderNumber(123)).toBe('ORD-000123');
    expect(orderNumber(1234567)).toBe('ORD-1234567');
    expect(() => orderNumber(0)).toThrow();
  });
});

describe('fulfilment', () => {
  const lines = [
    { id: 'a', quantity: 3, fulfilledQuantity: 1 },
    { id: 'b', quantity: 2, fulfilledQuantity: 0 },
  ];
  it('fulfils every open unit when no lines are given', () => {
    expect(planFulfilment(lines, null)).toEqual({
      ok: true,
      steps: [
        { lineId: 'a', quantity: 2 },
        { lineId: 'b', quantity: 2 },
      ],
    });
  });
  it('refuses more than a line has open, unknown and repeated lines', () => {
    expect(planFulfilment(lines, [{ lineId: 'a', quantity: 3 }])).toMatchObject({ ok: false, index: 0, code: 'INVALID' });
    expect(planFulfilment(lines, [{ lineId: 'x', quantity: 1 }])).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(
      planFulfilment(lines, [
        { lineId: 'b', quantity: 1 },
        { lineId: 'b', quantity: 1 },
      ]),
    ).toMatchObject({ ok: false, index: 1 });
    expect(planFulfilment(lines, [{ lineId: 'b', quantity: 0 }])).toMatchObject({ ok: false });
  });
  it('derives the status from the lines', () => {
    expect(statusAfterFulfilment([{ quantity: 2, fulfilledQuantity: 2 }])).toBe('FULFILLED');
    expect(statusAfterFulfilment([{ quantity: 2, fulfilledQuantity: 1 }])).toBe('PARTIALLY_FULFILLED');
    expect(statusAfterFulfilment([{ quantity: 2, fulfilledQuantity: 0 }])).toBe('UNFULFILLED');
  });
});
