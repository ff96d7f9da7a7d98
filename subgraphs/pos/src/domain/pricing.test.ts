import { describe, expect, it } from 'vitest';
import { Decimal } from '@tessera/service-kit';
import { priceLines, type CatalogueEntry } from './pricing.js';

const MUG = '0193a1b2-0000-7000-8000-000000000001';
const catalogue = new Map<string, CatalogueEntry>([
  [MUG, { variantId: MUG, sku: 'MUG-1', name: 'Mug / blue', prices: [{ amount: '10.0000', currency: 'EUR' }] }],
]);
const codes = (result: ReturnType<typeof priceLines>) => (result.ok ? [] : result.errors.map((error) => error.code));

describe('priceLines', () => {
  it("takes the catalogue's price, SKU and name; the same price sent by the till is not manual", () => {
    for (const unitPrice of [undefined, new Decimal('10')]) {
      const result = priceLines([{ variantId: MUG.toUpperCase(), quantity: 2, unitPrice }], catalogue, 'EUR', false);
      expect(result).toEqual({
        ok: true,
        value: [expect.objectContaining({ variantId: MUG, sku: 'MUG-1', name: 'Mug / blue', priceReason: null })],
      });
      if (result.ok) expect(result.value[0]!.unitPrice.toFixed(2)).toBe('10.00');
    }
  });

  it('lets a manual price through only with the permission and a reason', () => {
    const cheap = { variantId: MUG, quantity: 1, unitPrice: new Decimal('0.01') };
    expect(codes(priceLines([cheap], catalogue, 'EUR', false))).toEqual(['MANUAL_PRICE_FORBIDDEN']);
    expect(codes(priceLines([{ ...cheap, priceReason: '   ' }], catalogue, 'EUR', true))).toEqual(['PRICE_REASON_REQUIRED']);
    expect(codes(priceLines([{ ...cheap, priceReason: 'x'.repeat(501) }], catalogue, 'EUR', true))).toEqual(['INVALID']);
    const taken = priceLines([{ ...cheap, priceReason: ' staff ' }], catalogue, 'EUR', true);
    expect(taken.ok && taken.value[0]).toMatchObject({ priceReason: 'staff' });
    expect(taken.ok && taken.value[0]!.listPrice.toFixed(2)).toBe('10.00');
  });

  it('refuses what the catalogue does not have, or has not in this currency', () => {
    expect(codes(priceLines([{ variantId: '0193a1b2-0000-7000-8000-000000000002', quantity: 1 }], catalogue, 'EUR', true))).toEqual([
      'UNKNOWN_VARIANT',
    ]);
    expect(codes(priceLines([{ variantId: MUG, quantity: 1 }], catalogue, 'USD', true))).toEqual(['NO_PRICE']);
  });
});
