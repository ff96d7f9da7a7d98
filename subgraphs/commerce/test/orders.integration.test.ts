import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, newCaller, query, recordedEvents } from '../../../packages/testkit/src/index.js';
import {
  addVariant,
  createLocation,
  createProduct,
  level,
  orderMutation,
  placeOrder,
  receive,
  stockedVariant,
  startCommerce,
  type RunningCommerce,
} from './harness.js';

let commerce: RunningCommerce;
beforeAll(async () => {
  commerce = await startCommerce({ poolMax: 12 });
});
afterAll(async () => {
  await commerce.stop();
});

describe('placing orders under concurrency', () => {
  it('stock 5, 10 parallel orders of 1: exactly 5 succeed, 5 are INSUFFICIENT_STOCK, available never negative', async () => {
    const caller = newCaller();
    const { variant, location } = await stockedVariant(commerce.url, caller, 5);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        placeOrder(commerce.url, caller, { currency: 'EUR', locationId: location.id, lines: [{ variantId: variant.id, quantity: 1 }] }),
      ),
    );
    const placed = results.filter((r) => r.order !== null);
    const refused = results.filter((r) => r.order === null);
    expect(placed).toHaveLength(5);
    expect(refused).toHaveLength(5);
    for (const r of refused) expect(r.userErrors[0].code).toBe('INSUFFICIENT_STOCK');
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 5, reserved: 5, available: 0 });
    // The balance equals the sums of the movements.
    const sums = await asTenant(commerce.db, caller.tenantId, (tx) =>
      tx.stockMovement.aggregate({ where: { variantId: variant.id }, _sum: { onHandChange: true, reservedChange: true }, _count: true }),
    );
    expect(sums).toMatchObject({ _count: 6, _sum: { onHandChange: 5, reservedChange: 5 } });
    // Gap-free numbers: the 5 placed orders got 1..5, the refused ones none.
    expect(placed.map((r) => r.order!.number).sort()).toEqual(['ORD-000001', 'ORD-000002', 'ORD-000003', 'ORD-000004', 'ORD-000005']);
  });

  it('gives gap-free unique numbers to 12 orders placed in parallel, and the next one follows', async () => {
    const caller = newCaller();
    const { variant } = await stockedVariant(commerce.url, caller, 100);
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        placeOrder(commerce.url, caller, { currency: 'USD', lines: [{ variantId: variant.id, quantity: 2 }] }),
      ),
    );
    expect(results.every((r) => r.userErrors.length === 0)).toBe(true);
    const numbers = results.map((r) => r.order!.number).sort();
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `ORD-${String(i + 1).padStart(6, '0')}`));
    // A refused placement takes no number.
    const refused = await placeOrder(commerce.url, caller, { currency: 'USD', lines: [{ variantId: variant.id, quantity: 1000 }] });
    expect(refused.userErrors[0].code).toBe('INSUFFICIENT_STOCK');
    const next = await placeOrder(commerce.url, caller, { currency: 'USD', lines: [{ variantId: variant.id, quantity: 1 }] });
    expect(next.order!.number).toBe('ORD-000013');
  });
});

describe('placing an order', () => {
  it('prices lines from the variant price in the order currency and reserves the stock', async () => {
    const caller = newCaller();
    const contactId = randomUUID();
    const { variant, location } = await stockedVariant(commerce.url, caller, 10);
    const product = await createProduct(commerce.url, caller, 'Mug');
    const mug = await addVariant(commerce.url, caller, {
      productId: product.id,
      sku: 'MUG-1',
      name: 'White',
      prices: [{ amount: '3.335', currency: 'EUR' }],
    });
    await receive(commerce.url, caller, mug.id, location.id, 4);
    const eur = await placeOrder(commerce.url, caller, {
      contactId,
      currency: 'EUR',
      lines: [
        { variantId: variant.id, quantity: 3 },
        { variantId: mug.id, quantity: 2 },
      ],
    });
    expect(eur.userErrors).toEqual([]);
    expect(eur.order).toMatchObject({
      number: 'ORD-000001',
      status: 'UNCONFIRMED',
      currency: 'EUR',
      contact: { id: contactId },
      location: { id: location.id },
      total: { amount: '44.18', currency: 'EUR' },
    });
    // 3.335 was rounded half-up to 3.34 when the price was set.
    expect(eur.order!.lines.map((l) => [l.quantity, l.unitPrice.amount, l.lineTotal.amount, l.name])).toEqual([
      [3, '12.50', '37.50', 'T-shirt / M / red'],
      [2, '3.34', '6.68', 'Mug / White'],
    ]);
    const usd = await placeOrder(commerce.url, caller, { currency: 'USD', lines: [{ variantId: variant.id, quantity: 1 }] });
    expect(usd.order!.total).toEqual({ amount: '14.00', currency: 'USD' });
    // The mug has no USD price: NO_PRICE, nothing changes.
    const noPrice = await placeOrder(commerce.url, caller, { currency: 'USD', lines: [{ variantId: mug.id, quantity: 1 }] });
    expect(noPrice).toEqual({
      order: null,
      userErrors: [{ code: 'NO_PRICE', field: ['input', 'lines', '0', 'variantId'], message: expect.any(String) }],
    });
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 10, reserved: 4, available: 6 });
    expect(await level(commerce.url, caller, mug.id, location.id)).toEqual({ onHand: 4, reserved: 2, available: 2 });
  });

  it('chooses the first location with enough of every line', async () => {
    const caller = newCaller();
    const { variant, location: first } = await stockedVariant(commerce.url, caller, 2);
    const second = await createLocation(commerce.url, caller, 'Shop', 'SHOP');
    await receive(commerce.url, caller, variant.id, second.id, 5);
    const small = await placeOrder(commerce.url, caller, { currency: 'EUR', lines: [{ variantId: variant.id, quantity: 2 }] });
    expect(small.order!.location.id).toBe(first.id);
    const big = await placeOrder(commerce.url, caller, { currency: 'EUR', lines: [{ variantId: variant.id, quantity: 3 }] });
    expect(big.order!.location.id).toBe(second.id);
    const tooBig = await placeOrder(commerce.url, caller, { currency: 'EUR', lines: [{ variantId: variant.id, quantity: 3 }] });
    expect(tooBig.userErrors[0]).toMatchObject({ code: 'INSUFFICIENT_STOCK', field: ['input', 'lines'] });
  });

  it('refuses invalid input with userErrors and changes nothing', async () => {
    const caller = newCaller();
    const { variant, location } = await stockedVariant(commerce.url, caller, 5);
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ currency: 'EUR', lines: [] }, 'INVALID', ['input', 'lines']],
      [{ currency: 'XYZ', lines: [{ variantId: variant.id, quantity: 1 }] }, 'INVALID_CURRENCY', ['input', 'currency']],
      [{ currency: 'EUR', lines: [{ variantId: variant.id, quantity: 0 }] }, 'INVALID', ['input', 'lines', '0', 'quantity']],
      [{ currency: 'EUR', lines: [{ variantId: randomUUID(), quantity: 1 }] }, 'NOT_FOUND', ['input', 'lines', '0', 'variantId']],
      [{ currency: 'EUR', lines: [{ variantId: 'nope', quantity: 1 }] }, 'NOT_FOUND', ['input', 'lines', '0', 'variantId']],
      [
        { currency: 'EUR', locationId: randomUUID(), lines: [{ variantId: variant.id, quantity: 1 }] },
        'NOT_FOUND',
        ['input', 'locationId'],
      ],
      [
        {
          currency: 'EUR',
          lines: [
            { variantId: variant.id, quantity: 1 },
            { variantId: variant.id, quantity: 1 },
          ],
        },
        'INVALID',
        ['input', 'lines', '1', 'variantId'],
      ],
      [
        { currency: 'EUR', locationId: location.id, lines: [{ variantId: variant.id, quantity: 6 }] },
        'INSUFFICIENT_STOCK',
        ['input', 'lines', '0', 'quantity'],
      ],
    ];
    for (const [input, code, field] of cases) {
      const payload = await placeOrder(commerce.url, caller, input);
      expect(payload.order, JSON.stringify(input)).toBeNull();
      expect(payload.userErrors).toContainEqual({ code, field, message: expect.any(String) });
    }
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    const counts = await asTenant(commerce.db, caller.tenantId, async (tx) => ({
      orders: await tx.order.count(),
      lines: await tx.orderLine.count(),
    }));
    expect(counts).toEqual({ orders: 0, lines: 0 });
  });
});

describe('the order lifecycle', () => {
  async function placed(quantity: number, stock = 10) {
    const caller = newCaller();
    const stocked = await stockedVariant(commerce.url, caller, stock);
    const payload = await placeOrder(commerce.url, caller, {
      currency: 'EUR',
      locationId: stocked.location.id,
      lines: [{ variantId: stocked.variant.id, quantity }],
    });
    return { caller, ...stocked, order: payload.order! };
  }

  it('cancel releases the reservation; a canceled order cannot be confirmed, fulfilled or canceled again', async () => {
    const { caller, variant, location, order } = await placed(4);
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 10, reserved: 4, available: 6 });
    const canceled = await orderMutation(commerce.url, caller, 'cancelOrder', { orderId: order.id });
    expect(canceled.order).toMatchObject({ status: 'CANCELED', canceledAt: expect.any(String) });
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    for (const name of ['cancelOrder', 'confirmOrder', 'returnOrder']) {
      const again = await orderMutation(commerce.url, caller, name, { orderId: order.id });
      expect(again.userErrors[0].code).toBe('INVALID_STATUS');
    }
    const fulfil = await orderMutation(commerce.url, caller, 'fulfillOrder', { orderId: order.id }, 'FulfillOrderInput');
    expect(fulfil.userErrors[0].code).toBe('INVALID_STATUS');
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });
  });

  it('fulfils partially then fully (reservations become SOLD), then a return puts the stock back', async () => {
    const { caller, variant, location, order } = await placed(5);
    const unconfirmed = await orderMutation(commerce.url, caller, 'fulfillOrder', { orderId: order.id }, 'FulfillOrderInput');
    expect(unconfirmed.userErrors[0].code).toBe('INVALID_STATUS');
    expect((await orderMutation(commerce.url, caller, 'confirmOrder', { orderId: order.id })).order!.status).toBe('UNFULFILLED');
    const lineId = order.lines[0].id;

    const tooMany = await orderMutation(
      commerce.url,
      caller,
      'fulfillOrder',
      { orderId: order.id, lines: [{ lineId, quantity: 6 }] },
      'FulfillOrderInput',
    );
    expect(tooMany.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'lines', '0', 'lineId'] });

    const partial = await orderMutation(
      commerce.url,
      caller,
      'fulfillOrder',
      { orderId: order.id, lines: [{ lineId, quantity: 2 }] },
      'FulfillOrderInput',
    );
    expect(partial.order).toMatchObject({ status: 'PARTIALLY_FULFILLED', fulfilledAt: null, lines: [{ fulfilledQuantity: 2 }] });
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 8, reserved: 3, available: 5 });
    const cancel = await orderMutation(commerce.url, caller, 'cancelOrder', { orderId: order.id });
    expect(cancel.userErrors[0].code).toBe('INVALID_STATUS');

    const rest = await orderMutation(commerce.url, caller, 'fulfillOrder', { orderId: order.id }, 'FulfillOrderInput');
    expect(rest.order).toMatchObject({ status: 'FULFILLED', fulfilledAt: expect.any(String), lines: [{ fulfilledQuantity: 5 }] });
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    const nothingLeft = await orderMutation(commerce.url, caller, 'fulfillOrder', { orderId: order.id }, 'FulfillOrderInput');
    expect(nothingLeft.userErrors[0].code).toBe('INVALID_STATUS');

    const returned = await orderMutation(commerce.url, caller, 'returnOrder', { orderId: order.id });
    expect(returned.order).toMatchObject({ status: 'RETURNED', returnedAt: expect.any(String) });
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });

    const movements = await query<{
      stockMovements: { edges: { node: { kind: string; quantity: number; onHandChange: number; reservedChange: number } }[] };
    }>(
      commerce.url,
      caller,
      `query($f: StockMovementFilter) { stockMovements(filter: $f) { totalCount edges { node { kind quantity onHandChange reservedChange order { id } } } } }`,
      { f: { orderId: order.id } },
    );
    expect(movements.stockMovements.edges.map((e) => [e.node.kind, e.node.quantity, e.node.onHandChange, e.node.reservedChange])).toEqual([
      ['RESERVED', 5, 0, 5],
      ['SOLD', 2, -2, -2],
      ['SOLD', 3, -3, -3],
      ['RETURNED', 5, 5, 0],
    ]);

    // Outbox: every movement and the order's placed / fulfilled / returned events, valid envelopes of this tenant.
    const rows = await recordedEvents(commerce.db, caller.tenantId);
    const types = rows.map((row) => row.type);
    expect(types.filter((t) => t.startsWith('commerce.order'))).toEqual([
      'commerce.order.placed',
      'commerce.order.fulfilled',
      'commerce.order.returned',
    ]);
    expect(types.filter((t) => t === 'commerce.stock.moved')).toHaveLength(5); // receipt + 4 above
    const placedEvent = rows.find((row) => row.type === 'commerce.order.placed')!;
    expect(placedEvent.subjectId).toBe(order.id);
    expect(placedEvent.data).toMatchObject({
      contactId: null,
      number: 'ORD-000001',
      currency: 'EUR',
      total: { amount: '62.50', currency: 'EUR' },
      lines: [
        {
          variantId: variant.id,
          quantity: 5,
          unitPrice: { amount: '12.50', currency: 'EUR' },
          lineTotal: { amount: '62.50', currency: 'EUR' },
        },
      ],
    });
  });

  it('concurrent cancel and fulfil of one order: exactly one wins', async () => {
    const { caller, variant, location, order } = await placed(3);
    await orderMutation(commerce.url, caller, 'confirmOrder', { orderId: order.id });
    const [cancel, fulfil] = await Promise.all([
      orderMutation(commerce.url, caller, 'cancelOrder', { orderId: order.id }),
      orderMutation(commerce.url, caller, 'fulfillOrder', { orderId: order.id }, 'FulfillOrderInput'),
    ]);
    expect([cancel.order === null, fulfil.order === null].filter(Boolean)).toHaveLength(1);
    const stock = await level(commerce.url, caller, variant.id, location.id);
    expect(stock.reserved).toBe(0);
    expect(stock.onHand).toBe(cancel.order ? 10 : 7);
  });
});
