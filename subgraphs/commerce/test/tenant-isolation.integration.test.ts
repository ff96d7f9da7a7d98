import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, callSubgraph, mutate, newCaller, query, resolveEntities } from '../../../packages/testkit/src/index.js';
import {
  ERRORS,
  LEVEL,
  level,
  orderMutation,
  placeOrder,
  type Payload,
  stockedVariant,
  startCommerce,
  type RunningCommerce,
} from './harness.js';

let commerce: RunningCommerce;
const a = newCaller();
const b = newCaller();
const contactId = randomUUID();
let seeded: Awaited<ReturnType<typeof stockedVariant>> & { orderId: string };

beforeAll(async () => {
  commerce = await startCommerce();
  const stocked = await stockedVariant(commerce.url, a, 10);
  const placed = await placeOrder(commerce.url, a, {
    contactId,
    currency: 'EUR',
    locationId: stocked.location.id,
    lines: [{ variantId: stocked.variant.id, quantity: 2 }],
  });
  seeded = { ...stocked, orderId: placed.order!.id };
});
afterAll(async () => {
  await commerce.stop();
});

describe('tenant isolation', () => {
  it('tenant B reads none of A’s rows by id, in lists, or through _entities', async () => {
    const byId = await query<Record<string, { id: string } | null>>(
      commerce.url,
      b,
      `query($p: ID!, $v: ID!, $l: ID!, $o: ID!) { product(id: $p) { id } variant(id: $v) { id } stockLocation(id: $l) { id } order(id: $o) { id } }`,
      { p: seeded.product.id, v: seeded.variant.id, l: seeded.location.id, o: seeded.orderId },
    );
    expect(byId).toEqual({ product: null, variant: null, stockLocation: null, order: null });
    const lists = await query<Record<string, { totalCount: number }>>(
      commerce.url,
      b,
      `{ products { totalCount } variants { totalCount } stockLocations { totalCount } stockLevels { totalCount } stockMovements { totalCount } orders { totalCount } }`,
    );
    expect(Object.values(lists).map((c) => c.totalCount)).toEqual([0, 0, 0, 0, 0, 0]);
    const entities = await resolveEntities(
      commerce.url,
      b,
      [
        { __typename: 'Product', id: seeded.product.id },
        { __typename: 'ProductVariant', id: seeded.variant.id },
        { __typename: 'StockLocation', id: seeded.location.id },
        { __typename: 'Order', id: seeded.orderId },
        { __typename: 'Contact', id: contactId },
      ],
      '... on Product { id } ... on ProductVariant { id } ... on StockLocation { id } ... on Order { id } ... on Contact { id orders { id } }',
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities).toEqual([null, null, null, null, { id: contactId, orders: [] }]);
    // A sees its own.
    const own = await resolveEntities(
      commerce.url,
      a,
      [{ __typename: 'Contact', id: contactId }],
      '... on Contact { orders { id number } }',
    );
    expect(own.data!._entities).toEqual([{ orders: [{ id: seeded.orderId, number: 'ORD-000001' }] }]);
  });

  it('tenant B cannot change A’s rows by any mutation; A’s stock and order are untouched', async () => {
    const { variant, location, product, orderId } = seeded;
    const attempts: [string, string, string, Record<string, unknown>][] = [
      ['addVariant', 'AddVariantInput', 'variant { id }', { productId: product.id, sku: 'X', name: 'X' }],
      ['setVariantPrice', 'SetVariantPriceInput', 'variant { id }', { variantId: variant.id, price: { amount: '1', currency: 'EUR' } }],
      ['receiveStock', 'ReceiveStockInput', 'movement { id }', { variantId: variant.id, locationId: location.id, quantity: 1 }],
      ['adjustStock', 'AdjustStockInput', 'movement { id }', { variantId: variant.id, locationId: location.id, quantity: -1 }],
      ['placeOrder', 'PlaceOrderInput', 'order { id }', { currency: 'EUR', lines: [{ variantId: variant.id, quantity: 1 }] }],
    ];
    for (const [name, type, selection, input] of attempts) {
      const payload = await mutate<Payload<string, { id: string }>>(commerce.url, b, name, `${selection} ${ERRORS}`, input, type);
      expect(payload.userErrors[0]?.code, name).toBe('NOT_FOUND');
    }
    for (const name of ['confirmOrder', 'cancelOrder', 'returnOrder']) {
      expect((await orderMutation(commerce.url, b, name, { orderId })).userErrors[0]!.code).toBe('NOT_FOUND');
    }
    expect((await orderMutation(commerce.url, b, 'fulfillOrder', { orderId }, 'FulfillOrderInput')).userErrors[0]!.code).toBe('NOT_FOUND');
    expect(await level(commerce.url, a, variant.id, location.id)).toEqual({ onHand: 10, reserved: 2, available: 8 });
    const order = await query<unknown>(
      commerce.url,
      a,
      `query($id: ID!) { order(id: $id) { status } variant(id: "${variant.id}") { prices { amount } } }`,
      {
        id: orderId,
      },
    );
    expect(order).toEqual({ order: { status: 'UNCONFIRMED' }, variant: { prices: [{ amount: '12.50' }, { amount: '14.00' }] } });
  });

  it('a caller without a tenant is refused', async () => {
    const response = await callSubgraph(commerce.url, { ...a, tenantId: null } as never, `{ products { totalCount } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the database itself hides other tenants’ rows (row-level security)', async () => {
    const seen = await asTenant(commerce.db, b.tenantId, async (tx) => ({
      levels: await tx.stockLevel.count(),
      movements: await tx.stockMovement.count(),
      orders: await tx.order.count(),
      outbox: await tx.outboxEvent.count(),
    }));
    expect(seen).toEqual({ levels: 0, movements: 0, orders: 0, outbox: 0 });
    void LEVEL;
  });
});
