import { randomUUID } from 'node:crypto';
import { createEnvelope, type EventEnvelope, type EventType, type EventData } from '@tessera/events';
import {
  announceReferences,
  mutate,
  query,
  startTestModule,
  USER_ERRORS,
  type newCaller,
  type TestModule,
  type TestModuleOptions,
  type UserErrorShape,
} from '../../../packages/testkit/src/index.js';
import commerce, { type CommerceDb } from '../src/index.js';

export type Caller = ReturnType<typeof newCaller>;

export type RunningCommerce = TestModule<CommerceDb>;

/** Starts the commerce subgraph in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function startCommerce(options: TestModuleOptions = {}): Promise<RunningCommerce> {
  return startTestModule<CommerceDb>(commerce, options);
}

export const ERRORS = USER_ERRORS;
export const LEVEL = 'onHand reserved available';
export const ORDER_FIELDS = `id number status currency contact { id } location { id } total { amount currency }
  lines { id sku name quantity fulfilledQuantity unitPrice { amount currency } lineTotal { amount currency } variant { id } }
  confirmedAt fulfilledAt canceledAt returnedAt`;

interface MoneyShape {
  amount: string;
  currency: string;
}
export interface LevelShape {
  onHand: number;
  reserved: number;
  available: number;
}
/** An order as ORDER_FIELDS selects it. */
export interface OrderShape {
  id: string;
  number: string;
  status: string;
  currency: string;
  contact: { id: string } | null;
  location: { id: string };
  total: MoneyShape;
  lines: {
    id: string;
    sku: string;
    name: string;
    quantity: number;
    fulfilledQuantity: number;
    unitPrice: MoneyShape;
    lineTotal: MoneyShape;
    variant: { id: string };
  }[];
  confirmedAt: string | null;
  fulfilledAt: string | null;
  canceledAt: string | null;
  returnedAt: string | null;
}
/** A mutation payload: its object (`key`, null when refused) and its user errors. */
export type Payload<K extends string, T> = { [key in K]: T | null } & { userErrors: UserErrorShape[] };
export type OrderPayload = Payload<'order', OrderShape>;

function ok<K extends string, T>(payload: Payload<K, T>, key: K): T {
  if (payload.userErrors.length > 0 || payload[key] === null) throw new Error(`refused: ${JSON.stringify(payload.userErrors)}`);
  return payload[key] as T;
}

export async function createProduct(url: string, caller: Caller, name = 'T-shirt') {
  return ok(
    await mutate<Payload<'product', { id: string; name: string }>>(url, caller, 'createProduct', `product { id name } ${ERRORS}`, { name }),
    'product',
  );
}

export async function addVariant(url: string, caller: Caller, input: Record<string, unknown>) {
  const payload = await mutate<Payload<'variant', { id: string; sku: string; name: string; prices: MoneyShape[] }>>(
    url,
    caller,
    'addVariant',
    `variant { id sku name prices { amount currency } } ${ERRORS}`,
    input,
  );
  return ok(payload, 'variant');
}

export async function createLocation(url: string, caller: Caller, name: string, kind = 'WAREHOUSE') {
  return ok(
    await mutate<Payload<'stockLocation', { id: string; name: string; kind: string }>>(
      url,
      caller,
      'createStockLocation',
      `stockLocation { id name kind } ${ERRORS}`,
      { name, kind },
    ),
    'stockLocation',
  );
}

export async function receive(url: string, caller: Caller, variantId: string, locationId: string, quantity: number) {
  const payload = await mutate<Payload<'movement', { id: string; kind: string; quantity: number }>>(
    url,
    caller,
    'receiveStock',
    `movement { id kind quantity } stockLevel { ${LEVEL} } ${ERRORS}`,
    { variantId, locationId, quantity },
  );
  return ok(payload, 'movement');
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

/** Places an order; its contact, if any, is taken to be one CRM announced to the tenant. */
export async function placeOrder(url: string, caller: Caller, input: Record<string, unknown>) {
  await announceReferences(url, caller.tenantId, { contact: [input.contactId as string | undefined] });
  return mutate<OrderPayload>(url, caller, 'placeOrder', `order { ${ORDER_FIELDS} } ${ERRORS}`, input);
}

export function orderMutation(url: string, caller: Caller, name: string, input: Record<string, unknown>, inputType = 'OrderIdInput') {
  return mutate<OrderPayload>(url, caller, name, `order { ${ORDER_FIELDS} } ${ERRORS}`, input, inputType);
}

export async function level(url: string, caller: Caller, variantId: string, locationId: string) {
  const data = await query<{ stockLevels: { edges: { node: LevelShape }[] } }>(
    url,
    caller,
    `query($f: StockLevelFilter) { stockLevels(filter: $f) { edges { node { ${LEVEL} } } } }`,
    {
      f: { variantId, locationId },
    },
  );
  return data.stockLevels.edges[0]?.node ?? { onHand: 0, reserved: 0, available: 0 };
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
