import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSql, newCaller, resolveEntities, type SqlCounter } from '../../../packages/testkit/src/index.js';
import { placeOrder, stockedVariant, startCommerce, type RunningCommerce } from './harness.js';

let commerce: RunningCommerce;
let sql: SqlCounter;
const caller = newCaller();
const contactIds = Array.from({ length: 20 }, () => randomUUID());
const orderIds = new Map<string, string[]>();

beforeAll(async () => {
  commerce = await startCommerce({ logQueries: true });
  sql = countSql(commerce.db);
  const { variant } = await stockedVariant(commerce.url, caller, 1000);
  for (const [i, contactId] of contactIds.entries()) {
    if (i % 4 === 3) continue; // every 4th contact has no orders
    for (let n = 0; n < 2; n += 1) {
      const placed = await placeOrder(commerce.url, caller, {
        contactId,
        currency: 'EUR',
        lines: [{ variantId: variant.id, quantity: 1 }],
      });
      orderIds.set(contactId, [placed.order!.id, ...(orderIds.get(contactId) ?? [])]);
    }
  }
});
afterAll(async () => {
  await commerce.stop();
});

describe('DataLoader batching', () => {
  it('Contact.orders with total for 20 contacts costs 1 data statement', async () => {
    sql.reset();
    const result = await resolveEntities(
      commerce.url,
      caller,
      contactIds.map((id) => ({ __typename: 'Contact', id })),
      '... on Contact { id orders { id number status total { amount currency } } }',
    );
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities as { id: string; orders: { id: string; total: { amount: string } }[] }[];
    entities.forEach((contact, i) => {
      expect(contact.orders.map((o) => o.id)).toEqual(orderIds.get(contactIds[i]!) ?? []);
      for (const order of contact.orders) expect(order.total).toEqual({ amount: '12.50', currency: 'EUR' });
    });
    expect(sql.data).toBe(1);
  });

  it('orders with lines, variants and products cost one statement per level', async () => {
    const ids = [...orderIds.values()].flat();
    sql.reset();
    const result = await resolveEntities(
      commerce.url,
      caller,
      ids.map((id) => ({ __typename: 'Order', id })),
      '... on Order { id location { name } lines { sku unitPrice { amount } variant { sku product { name } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toHaveLength(ids.length);
    // orders by id; locations + lines; variants (orders for line currency are primed); products
    expect(sql.data).toBeLessThanOrEqual(5);
    const few = sql.data;
    sql.reset();
    await resolveEntities(
      commerce.url,
      caller,
      ids.slice(0, 2).map((id) => ({ __typename: 'Order', id })),
      '... on Order { id location { name } lines { sku unitPrice { amount } variant { sku product { name } } } }',
    );
    expect(sql.data).toBe(few);
  });
});
