import {
  callSubgraph,
  expectData,
  startTestModule,
  testOutboxNamespace,
  type TestModuleOptions,
} from '../../../packages/testkit/src/index.js';
import crm, { type CrmDb } from '../src/index.js';

type Caller = Parameters<typeof callSubgraph>[1];

export interface RunningCrm {
  url: string;
  db: CrmDb;
  stop(): Promise<void>;
}

/** The bus namespace of the outbox rows these tests write: no relay publishes it, so events stay in the outbox. */
export const TEST_NAMESPACE = testOutboxNamespace('crm');

/** Starts the CRM module in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function startCrm(options: TestModuleOptions = {}): Promise<RunningCrm> {
  return startTestModule<CrmDb>(crm, options);
}

export const CONTACT_FIELDS = 'id name email phone company { id name } createdAt updatedAt';
export const DEAL_FIELDS = 'id title stage amount { amount currency } contact { id name } owner { id } closedAt lostReason';
export const ERRORS = 'userErrors { field message code }';

export interface UserErrorShape {
  field: string[] | null;
  message: string;
  code: string;
}

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

export async function createContact(url: string, caller: Caller, input: Record<string, unknown>) {
  const payload = await mutate(url, caller, 'createContact', 'CreateContactInput', `contact { ${CONTACT_FIELDS} } ${ERRORS}`, input);
  if (payload.userErrors.length > 0) throw new Error(`createContact refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.contact as { id: string; name: string; email: string | null; company: { id: string; name: string } | null };
}

export async function createDeal(url: string, caller: Caller, input: Record<string, unknown>) {
  const payload = await mutate(url, caller, 'createDeal', 'CreateDealInput', `deal { ${DEAL_FIELDS} } ${ERRORS}`, input);
  if (payload.userErrors.length > 0) throw new Error(`createDeal refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.deal as { id: string; stage: string; amount: { amount: string; currency: string } };
}

/** Counts the caller's tenant's rows straight from the database (as the app role, in a tenant transaction). */
export async function countRows(db: CrmDb, tenantId: string): Promise<{ companies: number; contacts: number; deals: number }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('tessera.tenant_id', ${tenantId}, true)`;
    const [companies, contacts, deals] = [await tx.company.count(), await tx.contact.count(), await tx.deal.count()];
    return { companies, contacts, deals };
  });
}

/** The tenant's outbox rows, in recording order (read as the app role, in a tenant transaction). */
export function outboxRows(db: CrmDb, tenantId: string) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('tessera.tenant_id', ${tenantId}, true)`;
    return tx.outboxEvent.findMany({ orderBy: { seq: 'asc' } });
  });
}
