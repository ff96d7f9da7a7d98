import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, mutate, newCaller, query, recordedEvents } from '../../../packages/testkit/src/index.js';
import {
  addVariant,
  createLocation,
  createProduct,
  ERRORS,
  LEVEL,
  level,
  placeOrder,
  stockedVariant,
  type LevelShape,
  type Payload,
  startCommerce,
  type RunningCommerce,
} from './harness.js';

let commerce: RunningCommerce;
beforeAll(async () => {
  commerce = await startCommerce();
});
afterAll(async () => {
  await commerce.stop();
});

type StockMovementPayload = Payload<'movement', { id?: string; kind?: string; quantity?: number; note?: string | null }> & {
  stockLevel: LevelShape | null;
};

const adjust = (caller: ReturnType<typeof newCaller>, input: Record<string, unknown>) =>
  mutate<StockMovementPayload>(
    commerce.url,
    caller,
    'adjustStock',
    `movement { kind quantity note } stockLevel { ${LEVEL} } ${ERRORS}`,
    input,
  );

describe('catalogue', () => {
  it('keeps SKUs unique per tenant, prices per currency, and option values', async () => {
    const caller = newCaller();
    const product = await createProduct(commerce.url, caller, 'Hoodie');
    const variant = await addVariant(commerce.url, caller, {
      productId: product.id,
      sku: 'HD-1',
      name: 'L',
      options: [{ name: 'size', value: 'L' }],
    });
    const taken = await mutate<Payload<'variant', { id: string }>>(commerce.url, caller, 'addVariant', `variant { id } ${ERRORS}`, {
      productId: product.id,
      sku: 'HD-1',
      name: 'XL',
    });
    expect(taken.userErrors[0].code).toBe('SKU_TAKEN');
    // Another tenant may use the same SKU.
    const other = newCaller();
    const otherProduct = await createProduct(commerce.url, other);
    await addVariant(commerce.url, other, { productId: otherProduct.id, sku: 'HD-1', name: 'L' });

    const badPrice = await mutate<Payload<'variant', { id: string }>>(commerce.url, caller, 'setVariantPrice', `variant { id } ${ERRORS}`, {
      variantId: variant.id,
      price: { amount: '-1', currency: 'EUR' },
    });
    expect(badPrice.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'price', 'amount'] });
    for (const price of [
      { amount: '40', currency: 'EUR' },
      { amount: '45.5', currency: 'USD' },
      { amount: '42', currency: 'EUR' },
    ]) {
      const set = await mutate<Payload<'variant', { id: string }>>(commerce.url, caller, 'setVariantPrice', `variant { id } ${ERRORS}`, {
        variantId: variant.id,
        price,
      });
      expect(set.userErrors).toEqual([]);
    }
    const data = await query<{ variant: unknown }>(
      commerce.url,
      caller,
      `query($id: ID!) { variant(id: $id) { sku options { name value } prices { amount currency } eur: price(currency: "EUR") { amount } gbp: price(currency: "GBP") { amount } product { name variants { id } } } }`,
      { id: variant.id },
    );
    expect(data.variant).toEqual({
      sku: 'HD-1',
      options: [{ name: 'size', value: 'L' }],
      prices: [
        { amount: '42.00', currency: 'EUR' },
        { amount: '45.50', currency: 'USD' },
      ],
      eur: { amount: '42.00' },
      gbp: null,
      product: { name: 'Hoodie', variants: [{ id: variant.id }] },
    });
  });

  it('announces each added or repriced variant with all its prices (commerce.variant.changed, what POS sells from)', async () => {
    const caller = newCaller();
    const product = await createProduct(commerce.url, caller, 'Mug');
    const variant = await addVariant(commerce.url, caller, {
      productId: product.id,
      sku: 'MUG-1',
      name: 'blue',
      prices: [{ amount: '10', currency: 'EUR' }],
    });
    const refused = await mutate<Payload<'variant', { id: string }>>(commerce.url, caller, 'setVariantPrice', `variant { id } ${ERRORS}`, {
      variantId: variant.id,
      price: { amount: '-1', currency: 'EUR' },
    });
    expect(refused.variant).toBeNull();
    await mutate(commerce.url, caller, 'setVariantPrice', `variant { id } ${ERRORS}`, {
      variantId: variant.id,
      price: { amount: '11.5', currency: 'USD' },
    });
    const announced = (await recordedEvents(commerce.db, caller.tenantId)).filter((row) => row.type === 'commerce.variant.changed');
    expect(announced.map((row) => [row.subjectId, row.data])).toEqual([
      [
        variant.id,
        expect.objectContaining({
          productId: product.id,
          sku: 'MUG-1',
          name: 'Mug / blue',
          prices: [{ amount: '10.00', currency: 'EUR' }],
        }),
      ],
      [
        variant.id,
        expect.objectContaining({
          prices: [
            { amount: '10.00', currency: 'EUR' },
            { amount: '11.50', currency: 'USD' },
          ],
        }),
      ],
    ]);
    const [added, repriced] = announced.map((row) => Date.parse((row.data as { revision: string }).revision));
    expect(repriced).toBeGreaterThanOrEqual(added!);
  });

  it('refuses a duplicate location name ignoring case', async () => {
    const caller = newCaller();
    await createLocation(commerce.url, caller, 'Main');
    const again = await mutate<Payload<'stockLocation', { id: string }>>(
      commerce.url,
      caller,
      'createStockLocation',
      `stockLocation { id } ${ERRORS}`,
      {
        name: ' main ',
        kind: 'SHOP',
      },
    );
    expect(again.userErrors[0].code).toBe('NAME_TAKEN');
  });
});

describe('stock movements', () => {
  it('adjusts up and down but never below the reserved units', async () => {
    const caller = newCaller();
    const { variant, location } = await stockedVariant(commerce.url, caller, 5);
    await placeOrder(commerce.url, caller, { currency: 'EUR', locationId: location.id, lines: [{ variantId: variant.id, quantity: 3 }] });
    const tooMuch = await adjust(caller, { variantId: variant.id, locationId: location.id, quantity: -3 });
    expect(tooMuch).toMatchObject({ movement: null, stockLevel: null, userErrors: [{ code: 'INSUFFICIENT_STOCK' }] });
    const down = await adjust(caller, { variantId: variant.id, locationId: location.id, quantity: -2, note: 'broken' });
    expect(down).toMatchObject({
      movement: { kind: 'ADJUSTED', quantity: -2, note: 'broken' },
      stockLevel: { onHand: 3, reserved: 3, available: 0 },
    });
    const zero = await adjust(caller, { variantId: variant.id, locationId: location.id, quantity: 0 });
    expect(zero.userErrors[0].code).toBe('INVALID');
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 3, reserved: 3, available: 0 });
  });

  it('the database refuses a movement that would make stock negative, whatever the application does', async () => {
    const caller = newCaller();
    const { variant, location } = await stockedVariant(commerce.url, caller, 2);
    await expect(
      asTenant(commerce.db, caller.tenantId, (tx) =>
        tx.stockMovement.create({
          data: {
            tenantId: caller.tenantId,
            variantId: variant.id,
            locationId: location.id,
            kind: 'SOLD',
            quantity: 3,
            onHandChange: -3,
            reservedChange: 0,
          },
        }),
      ),
    ).rejects.toThrow(/stock_levels_never_negative|check/i);
    await expect(
      asTenant(commerce.db, caller.tenantId, (tx) =>
        tx.stockMovement.create({
          data: {
            tenantId: caller.tenantId,
            variantId: variant.id,
            locationId: location.id,
            kind: 'SOLD',
            quantity: 1,
            onHandChange: 1,
            reservedChange: 0,
          },
        }),
      ),
    ).rejects.toThrow(/stock_movements_effect|check/i);
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });

  it('receives only positive quantities at known locations', async () => {
    const caller = newCaller();
    const { variant, location } = await stockedVariant(commerce.url, caller, 0);
    const receive = (input: Record<string, unknown>) =>
      mutate<StockMovementPayload>(commerce.url, caller, 'receiveStock', `movement { id } stockLevel { ${LEVEL} } ${ERRORS}`, input);
    expect((await receive({ variantId: variant.id, locationId: location.id, quantity: 0 })).userErrors[0].code).toBe('INVALID');
    expect((await receive({ variantId: variant.id, locationId: variant.id, quantity: 1 })).userErrors[0].code).toBe('NOT_FOUND');
    const ok = await receive({ variantId: variant.id, locationId: location.id, quantity: 7 });
    expect(ok.stockLevel).toEqual({ onHand: 7, reserved: 0, available: 7 });
  });
});
