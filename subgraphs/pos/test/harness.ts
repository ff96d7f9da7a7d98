import { randomUUID } from 'node:crypto';
import {
  announceReferences,
  mutate,
  startTestModule,
  USER_ERRORS,
  type newCaller,
  type TestModule,
  type TestModuleOptions,
  type UserErrorShape,
} from '../../../packages/testkit/src/index.js';
import { createEnvelope } from '@tessera/events';
import pos, { type PosDb } from '../src/index.js';

export type Caller = ReturnType<typeof newCaller>;

export type RunningPos = TestModule<PosDb>;

/** Starts the pos subgraph in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export async function startPos(options: TestModuleOptions = {}): Promise<RunningPos> {
  // Enough connections for the concurrency tests' parallel requests.
  const running = await startTestModule<PosDb>(pos, { poolMax: 20, ...options });
  current = running;
  return running;
}

/** The POS the tests of this file started last: where `submitSale` announces the catalogue. */
let current: RunningPos | null = null;

/** Currencies the tests' registers use: an announced variant has its price in each. */
const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY', 'CHF', 'KWD'];

export interface CatalogueVariant {
  variantId: string;
  sku?: string;
  name?: string;
  /** One price in every currency of CURRENCIES, or these prices. */
  price?: string;
  prices?: { amount: string; currency: string }[];
  revision?: Date;
}

/** Delivers commerce.variant.changed for each variant to POS, as commerce would after adding or repricing it. */
export async function announceVariants(running: RunningPos, tenantId: string, variants: CatalogueVariant[]): Promise<void> {
  await running.deliver(
    ...variants.map((variant) =>
      createEnvelope('commerce', {
        type: 'commerce.variant.changed',
        tenantId,
        subjectId: variant.variantId,
        data: {
          productId: randomUUID(),
          sku: variant.sku ?? 'SKU',
          name: variant.name ?? 'Item',
          prices: variant.prices ?? CURRENCIES.map((currency) => ({ amount: variant.price ?? '1.00', currency })),
          revision: (variant.revision ?? new Date()).toISOString(),
        },
      }),
    ),
  );
}

export const ERRORS = USER_ERRORS;
export const REGISTER_FIELDS = 'id number name locationId currency createdAt currentSession { id status }';
export const SESSION_FIELDS = `id status register { id } openingFloat { amount currency } expectedCash { amount currency }
  countedCash { amount currency } difference { amount currency } openedAt closingStartedAt closedAt`;
export const SALE_FIELDS = `id idempotencyKey receiptNumber status register { id } session { id }
  lines { position variantId sku name quantity unitPrice { amount currency } discount { amount } lineTotal { amount currency } listPrice { amount } manualPrice priceReason }
  payments { method amount { amount currency } }
  subtotal { amount } discountTotal { amount } total { amount currency } tendered { amount } change { amount currency }
  completedAt voidedAt voidReason
  receipt { number registerName issuedAt total { amount } change { amount } voided lines { sku lineTotal { amount } } payments { method amount { amount } } }`;

interface MoneyShape {
  amount: string;
  currency: string;
}
/** A register as REGISTER_FIELDS selects it. */
export interface RegisterShape {
  id: string;
  number: number;
  name: string;
  locationId: string;
  currency: string;
  createdAt: string;
  currentSession: { id: string; status: string } | null;
}
/** A session as SESSION_FIELDS selects it. */
export interface SessionShape {
  id: string;
  status: string;
  register: { id: string };
  openingFloat: MoneyShape;
  expectedCash: MoneyShape | null;
  countedCash: MoneyShape | null;
  difference: MoneyShape | null;
  openedAt: string;
  closingStartedAt: string | null;
  closedAt: string | null;
}
/** A sale as SALE_FIELDS selects it. */
export interface SaleShape {
  id: string;
  idempotencyKey: string;
  receiptNumber: string;
  status: string;
  register: { id: string };
  session: { id: string };
  lines: {
    position: number;
    variantId: string;
    sku: string;
    name: string;
    quantity: number;
    unitPrice: MoneyShape;
    discount: { amount: string };
    lineTotal: MoneyShape;
    listPrice: { amount: string } | null;
    manualPrice: boolean;
    priceReason: string | null;
  }[];
  payments: { method: string; amount: MoneyShape }[];
  subtotal: { amount: string };
  discountTotal: { amount: string };
  total: MoneyShape;
  tendered: { amount: string };
  change: MoneyShape;
  completedAt: string;
  voidedAt: string | null;
  voidReason: string | null;
  receipt: {
    number: string;
    registerName: string;
    issuedAt: string;
    total: { amount: string };
    change: { amount: string };
    voided: boolean;
    lines: { sku: string; lineTotal: { amount: string } }[];
    payments: { method: string; amount: { amount: string } }[];
  };
}
/** A mutation payload: its object (`key`, null when refused) and its user errors. */
export type Payload<K extends string, T> = { [key in K]: T | null } & { userErrors: UserErrorShape[] };

/** Creates a register at a stock location (a new one unless given) that commerce announced to the tenant. */
export async function createRegister(url: string, caller: Caller, input: Record<string, unknown> = {}) {
  const locationId = input.locationId ?? randomUUID();
  await announceReferences(url, caller.tenantId, { location: [locationId as string] });
  return mutate<Payload<'register', RegisterShape>>(url, caller, 'createRegister', `register { ${REGISTER_FIELDS} } ${ERRORS}`, {
    name: 'Front desk',
    currency: 'EUR',
    ...input,
    locationId,
  });
}

export const openSession = (url: string, caller: Caller, registerId: string, openingFloat = '100.00') =>
  mutate<Payload<'session', SessionShape>>(url, caller, 'openSession', `session { ${SESSION_FIELDS} } ${ERRORS}`, {
    registerId,
    openingFloat,
  });

export const startClosing = (url: string, caller: Caller, sessionId: string) =>
  mutate<Payload<'session', SessionShape>>(url, caller, 'startClosingSession', `session { ${SESSION_FIELDS} } ${ERRORS}`, { sessionId });

export const closeSession = (url: string, caller: Caller, sessionId: string, countedCash: string) =>
  mutate<Payload<'session', SessionShape>>(url, caller, 'closeSession', `session { ${SESSION_FIELDS} } ${ERRORS}`, {
    sessionId,
    countedCash,
  });

type LineInput = { variantId?: unknown; sku?: unknown; name?: unknown; unitPrice?: unknown };

/**
 * Submits a sale. By default it sells at the catalogue's price: each line's variant is announced to POS
 * first with the line's SKU, name and unit price (what commerce would have published). `announce:
 * false` submits as is (the pricing tests).
 */
export async function submitSale(url: string, caller: Caller, input: Record<string, unknown>, { announce = true } = {}) {
  const lines = Array.isArray(input.lines) ? (input.lines as LineInput[]) : [];
  if (announce && current && caller.tenantId) {
    const variants = lines.flatMap((line) =>
      typeof line.variantId === 'string' && /^[0-9a-f-]{36}$/i.test(line.variantId) && typeof line.unitPrice === 'string'
        ? [{ variantId: line.variantId, sku: String(line.sku ?? 'SKU'), name: String(line.name ?? 'Item'), price: line.unitPrice }]
        : [],
    );
    await announceVariants(current, caller.tenantId, variants);
  }
  return mutate<Payload<'sale', SaleShape>>(url, caller, 'submitSale', `sale { ${SALE_FIELDS} } ${ERRORS}`, input);
}

export const voidSale = (url: string, caller: Caller, saleId: string, reason?: string) =>
  mutate<Payload<'sale', SaleShape>>(url, caller, 'voidSale', `sale { ${SALE_FIELDS} } ${ERRORS}`, {
    saleId,
    ...(reason ? { reason } : {}),
  });

/** A simple sale: one line of 2 x 5.00 paid with 20.00 cash (change 10.00). */
export function saleInput(registerId: string, overrides: Record<string, unknown> = {}) {
  return {
    registerId,
    idempotencyKey: randomUUID(),
    lines: [{ variantId: randomUUID(), sku: 'SKU-1', name: 'Coffee beans', quantity: 2, unitPrice: '5.00' }],
    payments: [{ method: 'CASH', amount: '20.00' }],
    ...overrides,
  };
}

/** A register with an OPEN session: returns both ids. */
export async function openRegister(url: string, caller: Caller, input: Record<string, unknown> = {}, openingFloat = '100.00') {
  const { register, userErrors: refused } = await createRegister(url, caller, input);
  if (!register) throw new Error(JSON.stringify(refused));
  const { session, userErrors } = await openSession(url, caller, register.id, openingFloat);
  if (!session) throw new Error(JSON.stringify(userErrors));
  return { registerId: register.id, sessionId: session.id, locationId: register.locationId };
}
