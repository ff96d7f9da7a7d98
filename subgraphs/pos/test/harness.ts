import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type EventType } from '@tessera/events';
import { inTenantTransaction } from '@tessera/prisma';
import { callSubgraph, expectData, startTestModule, type TestModule, type TestModuleOptions } from '../../../packages/testkit/src/index.js';
import pos, { type PosDb, type PosTx } from '../src/index.js';

export type Caller = Parameters<typeof callSubgraph>[1];

export type RunningPos = TestModule<PosDb>;

/** Starts the pos subgraph in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function startPos(options: TestModuleOptions = {}): Promise<RunningPos> {
  // Enough connections for the concurrency tests' parallel requests.
  return startTestModule<PosDb>(pos, { poolMax: 20, ...options });
}

export const ERRORS = 'userErrors { field message code }';
export const REGISTER_FIELDS = 'id number name locationId currency createdAt currentSession { id status }';
export const SESSION_FIELDS = `id status register { id } openingFloat { amount currency } expectedCash { amount currency }
  countedCash { amount currency } difference { amount currency } openedAt closingStartedAt closedAt`;
export const SALE_FIELDS = `id idempotencyKey receiptNumber status register { id } session { id }
  lines { position variantId sku name quantity unitPrice { amount currency } discount { amount } lineTotal { amount currency } }
  payments { method amount { amount currency } }
  subtotal { amount } discountTotal { amount } total { amount currency } tendered { amount } change { amount currency }
  completedAt voidedAt voidReason
  receipt { number registerName issuedAt total { amount } change { amount } voided lines { sku lineTotal { amount } } payments { method amount { amount } } }`;

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

export const createRegister = (url: string, caller: Caller, input: Record<string, unknown> = {}) =>
  mutate(url, caller, 'createRegister', 'CreateRegisterInput', `register { ${REGISTER_FIELDS} } ${ERRORS}`, {
    name: 'Front desk',
    locationId: randomUUID(),
    currency: 'EUR',
    ...input,
  });

export const openSession = (url: string, caller: Caller, registerId: string, openingFloat = '100.00') =>
  mutate(url, caller, 'openSession', 'OpenSessionInput', `session { ${SESSION_FIELDS} } ${ERRORS}`, { registerId, openingFloat });

export const startClosing = (url: string, caller: Caller, sessionId: string) =>
  mutate(url, caller, 'startClosingSession', 'StartClosingSessionInput', `session { ${SESSION_FIELDS} } ${ERRORS}`, { sessionId });

export const closeSession = (url: string, caller: Caller, sessionId: string, countedCash: string) =>
  mutate(url, caller, 'closeSession', 'CloseSessionInput', `session { ${SESSION_FIELDS} } ${ERRORS}`, { sessionId, countedCash });

export const submitSale = (url: string, caller: Caller, input: Record<string, unknown>) =>
  mutate(url, caller, 'submitSale', 'SubmitSaleInput', `sale { ${SALE_FIELDS} } ${ERRORS}`, input);

export const voidSale = (url: string, caller: Caller, saleId: string, reason?: string) =>
  mutate(url, caller, 'voidSale', 'VoidSaleInput', `sale { ${SALE_FIELDS} } ${ERRORS}`, { saleId, ...(reason ? { reason } : {}) });

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
  const { register } = await createRegister(url, caller, input);
  const { session, userErrors } = await openSession(url, caller, register.id, openingFloat);
  if (userErrors.length > 0) throw new Error(JSON.stringify(userErrors));
  return { registerId: register.id as string, sessionId: session.id as string, locationId: register.locationId as string };
}

/** The events pos recorded for a tenant, oldest first (read in a tenant transaction, as the app role). */
export async function recordedEvents(db: PosDb, tenantId: string, type?: EventType) {
  const rows = await inTenantTransaction(db, tenantId, (tx: PosTx) =>
    tx.outboxEvent.findMany({ where: { tenantId, ...(type ? { type } : {}) }, orderBy: { seq: 'asc' } }),
  );
  return rows.map((row) => {
    const envelope = row.envelope as unknown as EventEnvelope;
    return { type: row.type, subjectId: row.subjectId, subject: row.subject, data: envelope.data as Record<string, any> };
  });
}

/** Runs `work` in a transaction bound to a tenant, as the app role (row-level security applies). */
export function asTenant<T>(db: PosDb, tenantId: string, work: (tx: PosTx) => Promise<T>): Promise<T> {
  return inTenantTransaction(db, tenantId, work);
}
