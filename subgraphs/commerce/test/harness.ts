import { randomUUID } from 'node:crypto';
import { createEnvelope, type EventEnvelope, type EventType, type EventData } from '@tessera/events';
import { inTenantTransaction } from '@tessera/prisma';
import { callSubgraph, expectData, startTestModule, type TestModule, type TestModuleOptions } from '../../../packages/testkit/src/index.js';
import commerce, { type CommerceDb } from '../src/index.js';

export type Caller = Parameters<typeof callSubgraph>[1] & { tenantId: string };

export type RunningCommerce = TestModule<CommerceDb>;

/** Starts the commerce subgraph in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function startCommerce(options: TestModuleOptions = {}): Promise<RunningCommerce> {
  return startTestModule<CommerceDb>(commerce, options);
}

export const ERRORS = 'userErrors { field message code }';
export const LEVEL = 'onHand reserved available';
export const ORDER_FIELDS = `id number status currency contact { id } location { id } total { amount currency }
  lines { id sku name quantity fulfilledQuantity unitPrice { amount currency } lineTotal { amount currency } variant { id } }
  confirmedAt fulfilledAt canceledAt returnedAt`;

/** Runs a mutation `name(input: $input)` and returns its payload (GraphQL errors fail the test). */
export async function mutate<T = any>(
  url: string,
  caller: Caller,
  name: string,
  inputType: string,
  selection: string,
  input: unknown,
): Promise<T> {
  const data = expectData(
    await callSubgraph<Record<string, T>>(url, caller, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
      input,
    }),
  );
  return data[name] as T;
}

/** Runs a query and returns its data (GraphQL errors fail the test). */
export async function query<T = any>(url: string, caller: Caller, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  return expectData(await callSubgraph<T>(url, caller, document, variables));
}

function ok<T>(payload: any, key: string): T {
  if (payload.userErrors.length > 0) throw new Error(`refused: ${JSON.stringify(payload.userErrors)}`);
  return payload[key] as T;
}

export async function createProduct(url: string, caller: Caller, name = 'T-shirt') {
  return ok<{ id: string }>(
    await mutate(url, caller, 'createProduct', 'CreateProductInput', `product { id name } ${ERRORS}`, { name }),
    'product',
  );
}

export async function addVariant(url: string, caller: Caller, input: Record<string, unknown>) {
  const payload = await mutate(
    url,
    caller,
    'addVariant',
    'AddVariantInput',
    `variant { id sku name prices { amount currency } } ${ERRORS}`,
    input,
  );
  return ok<{ id: string; sku: string }>(payload, 'variant');
}

export async function createLocation(url: string, caller: Caller, name: string, kind = 'WAREHOUSE') {
  return ok<{ id: string }>(
    await mutate(url, caller, 'createStockLocation', 'CreateStockLocationInput', `stockLocation { id name kind } ${ERRORS}`, {
      name,
      kind,
    }),
    'stockLocation',
  );
}

export async function receive(url: string, caller: Caller, variantId: string, locationId: string, quantity: number) {
  const payload = await mutate(
    url,
    caller,
    'receiveStock',
    'ReceiveStockInput',
    `movement { id kind quantity } stockLevel { ${LEVEL} } ${ERRORS}`,
    {
      variantId,
      locationId,
      quantity,
    },
  );
  return ok<{ id: string }>(payload, 'movement');
}

/** A product with one variant priced at 12.50 EUR and 14.00 USD, and a warehouse holding `stock` of it. */
export async function stockedVariant(url: string, caller: Caller, stock: number, sku = `SKU-${randomUUID().slice(0, 8)}`) {
  const product = await createProduct(url, caller);
  const variant = await addVariant(url, caller, {
    productId: product.id,
    sku,
    name: 'M / red',
    options: [
      { name: 'size', value: 'M' },
      { name: 'color', value: 'red' },
    ],
    prices: [
      { amount: '12.50', currency: 'EUR' },
      { amount: '14', currency: 'USD' },
    ],
  });
  const location = await createLocation(url, caller, `Warehouse ${randomUUID().slice(0, 6)}`);
  if (stock > 0) await receive(url, caller, variant.id, location.id, stock);
  return { product, variant, location };
}

export function placeOrder(url: string, caller: Caller, input: Record<string, unknown>) {
  return mutate(url, caller, 'placeOrder', 'PlaceOrderInput', `order { ${ORDER_FIELDS} } ${ERRORS}`, input);
}

export function orderMutation(url: string, caller: Caller, name: string, input: Record<string, unknown>, inputType = 'OrderIdInput') {
  return mutate(url, caller, name, inputType, `order { ${ORDER_FIELDS} } ${ERRORS}`, input);
}

export async function level(url: string, caller: Caller, variantId: string, locationId: string) {
  const data = await query(url, caller, `query($f: StockLevelFilter) { stockLevels(filter: $f) { edges { node { ${LEVEL} } } } }`, {
    f: { variantId, locationId },
  });
  return (data.stockLevels.edges[0]?.node ?? { onHand: 0, reserved: 0, available: 0 }) as {
    onHand: number;
    reserved: number;
    available: number;
  };
}

/** Runs `work` as the app role in a tenant transaction (direct reads for assertions). */
export function asTenant<T>(
  db: CommerceDb,
  tenantId: string,
  work: (tx: Parameters<Parameters<CommerceDb['$transaction']>[0]>[0]) => Promise<T>,
) {
  return inTenantTransaction(db, tenantId, work);
}

export function outboxRows(db: CommerceDb, tenantId: string) {
  return asTenant(db, tenantId, (tx) => tx.outboxEvent.findMany({ orderBy: { seq: 'asc' } }));
}

/** A pos.sale.completed (or voided) envelope for the tenant. */
export function posSale<T extends 'pos.sale.completed' | 'pos.sale.voided'>(
  type: T,
  tenantId: string,
  saleId: string,
  locationId: string,
  lines: { variantId: string; sku: string; quantity: number }[],
): EventEnvelope<T> {
  const data = {
    registerId: randomUUID(),
    sessionId: randomUUID(),
    locationId,
    receiptNumber: 'R1-000001',
    currency: 'EUR',
    lines: lines.map((line) => ({
      ...line,
      name: 'T-shirt / M red',
      unitPrice: { amount: '12.50', currency: 'EUR' },
      lineTotal: { amount: (12.5 * line.quantity).toFixed(2), currency: 'EUR' },
    })),
    total: { amount: lines.reduce((sum, line) => sum + 12.5 * line.quantity, 0).toFixed(2), currency: 'EUR' },
    payments: [{ method: 'CARD', amount: { amount: '0.00', currency: 'EUR' } }],
    change: { amount: '0.00', currency: 'EUR' },
    completedAt: new Date().toISOString(),
    ...(type === 'pos.sale.voided' ? { voidedAt: new Date().toISOString() } : {}),
  } as unknown as EventData<T>;
  return createEnvelope('pos', { type: type as EventType, tenantId, subjectId: saleId, data }) as EventEnvelope<T>;
}
