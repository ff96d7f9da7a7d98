/**
 * The server decides the price (issue 12 item 6): a sale's lines are priced from POS's copy of
 * commerce's catalogue (fed by commerce.variant.changed), a different price is a manual price that
 * needs an owner or admin and a reason and is recorded, and nothing is sold that the catalogue does
 * not have in the register's currency.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, newCaller } from '../../../packages/testkit/src/index.js';
import { announceVariants, openRegister, saleInput, startPos, submitSale, type RunningPos } from './harness.js';

let pos: RunningPos;
beforeAll(async () => {
  pos = await startPos();
});
afterAll(async () => {
  await pos.stop();
});

const countSales = (tenantId: string) => asTenant(pos.db, tenantId, (tx) => tx.sale.count({ where: { tenantId } }));

/** A tenant with an OPEN EUR register and one catalogue variant at 10.00 EUR. */
async function till(role: 'OWNER' | 'ADMIN' | 'MEMBER' = 'OWNER') {
  const owner = newCaller();
  const { registerId } = await openRegister(pos.url, owner, { currency: 'EUR' });
  const variantId = randomUUID();
  await announceVariants(pos, owner.tenantId, [
    { variantId, sku: 'MUG-1', name: 'Mug / blue', prices: [{ amount: '10.00', currency: 'EUR' }] },
  ]);
  return { owner, caller: { ...owner, role }, registerId, variantId };
}

const line = (variantId: string, extra: Record<string, unknown> = {}) => ({ variantId, quantity: 1, ...extra });
const sell = (t: Awaited<ReturnType<typeof till>>, lines: Record<string, unknown>[], caller = t.caller, payment = '20.00') =>
  submitSale(pos.url, caller, saleInput(t.registerId, { lines, payments: [{ method: 'CASH', amount: payment }] }), { announce: false });

describe('prices from the catalogue', () => {
  it("sells at the catalogue's price, SKU and name when the till sends none (or other ones)", async () => {
    const t = await till('MEMBER');
    const { sale, userErrors } = await sell(t, [line(t.variantId, { sku: 'FAKE', name: 'Anything' })]);
    expect(userErrors).toEqual([]);
    expect(sale!.lines[0]).toMatchObject({
      sku: 'MUG-1',
      name: 'Mug / blue',
      unitPrice: { amount: '10.00', currency: 'EUR' },
      listPrice: { amount: '10.00' },
      manualPrice: false,
      priceReason: null,
    });
    expect(sale!.total.amount).toBe('10.00');
  });

  it("refuses a member's 0.01 for a 10.00 item, and records nothing", async () => {
    const t = await till('MEMBER');
    const { sale, userErrors } = await sell(t, [line(t.variantId, { unitPrice: '0.01', priceReason: 'friend' })]);
    expect(sale).toBeNull();
    expect(userErrors).toEqual([expect.objectContaining({ code: 'MANUAL_PRICE_FORBIDDEN', field: ['input', 'lines', '0', 'unitPrice'] })]);
    expect(await countSales(t.owner.tenantId)).toBe(0);
    // The same price as the catalogue's is not a manual price.
    expect((await sell(t, [line(t.variantId, { unitPrice: '10.0000' })])).userErrors).toEqual([]);
  });

  it('refuses a manual price from an API key: integrations sell at the catalogue price', async () => {
    const t = await till();
    const key = { ...t.owner, role: null, userId: null, apiKeyId: randomUUID() };
    const { userErrors } = await sell(t, [line(t.variantId, { unitPrice: '8.00', priceReason: 'promo' })], key as never);
    expect(userErrors.map((error) => error.code)).toEqual(['MANUAL_PRICE_FORBIDDEN']);
  });

  it("takes an owner's or admin's manual price with a reason, and records the list price, the reason and who", async () => {
    for (const role of ['OWNER', 'ADMIN'] as const) {
      const t = await till(role);
      const missing = await sell(t, [line(t.variantId, { unitPrice: '7.50' })]);
      expect(missing.userErrors).toEqual([
        expect.objectContaining({ code: 'PRICE_REASON_REQUIRED', field: ['input', 'lines', '0', 'priceReason'] }),
      ]);
      const { sale, userErrors } = await sell(t, [line(t.variantId, { unitPrice: '7.50', priceReason: '  damaged box  ' })]);
      expect(userErrors).toEqual([]);
      expect(sale!.lines[0]).toMatchObject({
        unitPrice: { amount: '7.50' },
        listPrice: { amount: '10.00' },
        manualPrice: true,
        priceReason: 'damaged box',
      });
      const [stored] = await asTenant(pos.db, t.owner.tenantId, (tx) => tx.saleLine.findMany({ where: { tenantId: t.owner.tenantId } }));
      expect(stored!.priceSetBy).toBe(t.caller.userId);
    }
  });

  it('refuses a variant the catalogue does not have, one without a price in the currency, and another tenant’s', async () => {
    const t = await till();
    const other = newCaller();
    const theirs = randomUUID();
    const dollarsOnly = randomUUID();
    await announceVariants(pos, other.tenantId, [{ variantId: theirs, price: '1.00' }]);
    await announceVariants(pos, t.owner.tenantId, [{ variantId: dollarsOnly, prices: [{ amount: '3.00', currency: 'USD' }] }]);
    const { sale, userErrors } = await sell(t, [line(randomUUID()), line(dollarsOnly), line(theirs)]);
    expect(sale).toBeNull();
    expect(userErrors.map((error) => [error.code, error.field])).toEqual([
      ['UNKNOWN_VARIANT', ['input', 'lines', '0', 'variantId']],
      ['NO_PRICE', ['input', 'lines', '1', 'variantId']],
      ['UNKNOWN_VARIANT', ['input', 'lines', '2', 'variantId']],
    ]);
    expect(await countSales(t.owner.tenantId)).toBe(0);
  });
});

describe("POS's copy of the catalogue", () => {
  it('follows a reprice for the next sale, ignores an older announcement, and a retry keeps its sale', async () => {
    const t = await till();
    const first = saleInput(t.registerId, { lines: [line(t.variantId)], payments: [{ method: 'CASH', amount: '20.00' }] });
    const sold = await submitSale(pos.url, t.caller, first, { announce: false });
    expect(sold.sale!.total.amount).toBe('10.00');

    const later = new Date(Date.now() + 60_000);
    await announceVariants(pos, t.owner.tenantId, [
      { variantId: t.variantId, sku: 'MUG-1', name: 'Mug / blue', prices: [{ amount: '12.00', currency: 'EUR' }], revision: later },
    ]);
    // An announcement older than the one stored (a replay, a reordering) changes nothing.
    await announceVariants(pos, t.owner.tenantId, [
      {
        variantId: t.variantId,
        sku: 'OLD',
        name: 'Old',
        prices: [{ amount: '1.00', currency: 'EUR' }],
        revision: new Date(Date.now() - 60_000),
      },
    ]);
    const next = await sell(t, [line(t.variantId)]);
    expect(next.sale!.lines[0]).toMatchObject({ sku: 'MUG-1', unitPrice: { amount: '12.00' } });

    // The till retries the first sale (same key, same lines): the recorded sale, not a new price.
    const retried = await submitSale(pos.url, t.caller, first, { announce: false });
    expect(retried.userErrors).toEqual([]);
    expect(retried.sale!.id).toBe(sold.sale!.id);
    expect(retried.sale!.total.amount).toBe('10.00');
  });
});
