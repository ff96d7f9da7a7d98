/**
 * The till sells at the catalogue's price, end to end (issue 12 item 6): commerce announces each
 * added or repriced variant (commerce.variant.changed), POS keeps its own copy from the stream, and a
 * sale through the router is priced by the server from it, without POS calling commerce.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './contract-operations.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';

let platform: Platform;
let token: string;

beforeAll(async () => {
  platform = await startPlatform();
  const { signUp } = ok(
    await gql(platform.url, contract.SignUp, {
      input: {
        companyName: 'Corner Shop',
        name: 'Cora',
        email: `cora-${randomUUID()}@example.com`,
        password: 'a long enough password',
        plan: 'BUSINESS',
      },
    }),
  );
  token = signUp.token!;
});
afterAll(() => platform?.stop());

const call = (query: string, variables: Record<string, unknown> = {}) => gql(platform.url, query, variables, token).then(ok<any>);

const SALE = `mutation($input: SubmitSaleInput!) { submitSale(input: $input) {
  sale { total { amount currency } lines { sku name unitPrice { amount } listPrice { amount } manualPrice } }
  userErrors { code field message } } }`;

/** Submits until POS's copy of the catalogue has caught up with `expected` (bounded: 30 s). */
async function sellWhenPriced(registerId: string, variantId: string, expected: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { submitSale } = await call(SALE, {
      input: {
        registerId,
        idempotencyKey: randomUUID(),
        lines: [{ variantId, quantity: 2 }],
        payments: [{ method: 'CASH', amount: '50.00' }],
      },
    });
    if (submitSale.sale?.lines[0].unitPrice.amount === expected) return submitSale.sale;
    const codes = submitSale.userErrors.map((error: { code: string }) => error.code);
    // Before the first announcement arrives the variant is unknown; after a reprice the old price still sells.
    expect(submitSale.sale ? [] : codes).toEqual(submitSale.sale ? [] : ['UNKNOWN_VARIANT']);
    if (Date.now() > deadline) throw new Error(`POS never sold at ${expected}: ${JSON.stringify(submitSale)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('POS prices from the catalogue', () => {
  it("sells a new variant at commerce's price, then at its new price after a reprice", async () => {
    const { createProduct } = await call(
      'mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } userErrors { code } } }',
      {
        input: { name: 'Mug' },
      },
    );
    const { addVariant } = await call(
      'mutation($input: AddVariantInput!) { addVariant(input: $input) { variant { id } userErrors { code } } }',
      { input: { productId: createProduct.product.id, sku: 'MUG-1', name: 'blue', prices: [{ amount: '10.00', currency: 'EUR' }] } },
    );
    const variantId = addVariant.variant.id as string;
    const { createStockLocation } = await call(
      'mutation($input: CreateStockLocationInput!) { createStockLocation(input: $input) { stockLocation { id } userErrors { code } } }',
      { input: { name: 'Shop', kind: 'SHOP' } },
    );
    const { createRegister } = await call(
      'mutation($input: CreateRegisterInput!) { createRegister(input: $input) { register { id } userErrors { code } } }',
      { input: { name: 'Till', locationId: createStockLocation.stockLocation.id, currency: 'EUR' } },
    );
    const registerId = createRegister.register.id as string;
    await call('mutation($input: OpenSessionInput!) { openSession(input: $input) { session { id } userErrors { code } } }', {
      input: { registerId, openingFloat: '100.00' },
    });

    const first = await sellWhenPriced(registerId, variantId, '10.00');
    expect(first).toMatchObject({
      total: { amount: '20.00', currency: 'EUR' },
      lines: [{ sku: 'MUG-1', name: 'Mug / blue', manualPrice: false }],
    });

    await call('mutation($input: SetVariantPriceInput!) { setVariantPrice(input: $input) { variant { id } userErrors { code } } }', {
      input: { variantId, price: { amount: '12.00', currency: 'EUR' } },
    });
    const repriced = await sellWhenPriced(registerId, variantId, '12.00');
    expect(repriced).toMatchObject({ total: { amount: '24.00' }, lines: [{ listPrice: { amount: '12.00' }, manualPrice: false }] });
  });
});
