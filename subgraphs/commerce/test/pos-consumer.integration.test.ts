import { randomUUID } from 'node:crypto';
import { InvalidEventError } from '@tessera/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, newCaller, recordedEvents } from '../../../packages/testkit/src/index.js';
import { level, posSale, stockedVariant, startCommerce, type RunningCommerce } from './harness.js';

let commerce: RunningCommerce;
beforeAll(async () => {
  commerce = await startCommerce();
});
afterAll(async () => {
  await commerce.stop();
});

describe('commerce-pos-sale (pos.sale.completed)', () => {
  it('records SOLD movements at the sale location once, however often the event is delivered', async () => {
    const caller = newCaller();
    const { variant, location } = await stockedVariant(commerce.url, caller, 10);
    const saleId = randomUUID();
    const event = posSale('pos.sale.completed', caller.tenantId, saleId, location.id, [
      { variantId: variant.id, sku: variant.sku, quantity: 3 },
    ]);
    await commerce.deliver(event);
    await commerce.deliver(event);
    // The same sale re-published under another event id moves nothing either.
    await commerce.deliver(
      posSale('pos.sale.completed', caller.tenantId, saleId, location.id, [{ variantId: variant.id, sku: variant.sku, quantity: 3 }]),
    );
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 7, reserved: 0, available: 7 });
    const movements = await asTenant(commerce.db, caller.tenantId, (tx) => tx.stockMovement.findMany({ where: { kind: 'SOLD' } }));
    expect(movements).toHaveLength(1);
    expect(movements[0]).toMatchObject({
      quantity: 3,
      onHandChange: -3,
      reservedChange: 0,
      sourceEvent: `pos.sale:${saleId}`,
      orderId: null,
    });
    const moved = (await recordedEvents(commerce.db, caller.tenantId)).filter((row) => row.data.kind === 'SOLD');
    expect(moved).toHaveLength(1);

    // A void puts the units back, once.
    const voided = posSale('pos.sale.voided', caller.tenantId, saleId, location.id, [
      { variantId: variant.id, sku: variant.sku, quantity: 3 },
    ]);
    await commerce.deliver(voided);
    await commerce.deliver(voided);
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });
  });

  it('never takes reserved or missing stock: too little stock is dead-lettered (InvalidEventError) and changes nothing', async () => {
    const caller = newCaller();
    const { variant, location } = await stockedVariant(commerce.url, caller, 2);
    const event = posSale('pos.sale.completed', caller.tenantId, randomUUID(), location.id, [
      { variantId: variant.id, sku: variant.sku, quantity: 2 },
      { variantId: variant.id, sku: variant.sku, quantity: 1 },
    ]);
    await expect(commerce.deliver(event)).rejects.toBeInstanceOf(InvalidEventError);
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 2, reserved: 0, available: 2 });
    // Unknown location or variant (e.g. another tenant's): permanent failures too.
    const other = newCaller();
    await expect(
      commerce.deliver(
        posSale('pos.sale.completed', other.tenantId, randomUUID(), location.id, [
          { variantId: variant.id, sku: variant.sku, quantity: 1 },
        ]),
      ),
    ).rejects.toBeInstanceOf(InvalidEventError);
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });

  it('a void before its sale is retried (throws an ordinary error)', async () => {
    const caller = newCaller();
    const { variant, location } = await stockedVariant(commerce.url, caller, 2);
    const voided = posSale('pos.sale.voided', caller.tenantId, randomUUID(), location.id, [
      { variantId: variant.id, sku: variant.sku, quantity: 1 },
    ]);
    const error = await commerce.deliver(voided).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(InvalidEventError);
    expect(await level(commerce.url, caller, variant.id, location.id)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });
});
