import {
  announceReferences,
  asTenant,
  mutate,
  startTestModule,
  testOutboxNamespace,
  USER_ERRORS,
  type TestModule,
  type TestModuleOptions,
  type UserErrorShape,
} from '../../../packages/testkit/src/index.js';
import crm, { type CrmDb } from '../src/index.js';

type Caller = Parameters<typeof mutate>[1];

export type RunningCrm = TestModule<CrmDb>;

/** The bus namespace of the outbox rows these tests write: no relay publishes it, so events stay in the outbox. */
export const TEST_NAMESPACE = testOutboxNamespace('crm');

/** Starts the CRM module in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function startCrm(options: TestModuleOptions = {}): Promise<RunningCrm> {
  return startTestModule<CrmDb>(crm, options);
}

export const CONTACT_FIELDS = 'id name email phone company { id name } createdAt updatedAt';
export const DEAL_FIELDS = 'id title stage amount { amount currency } contact { id name } owner { id } closedAt lostReason';

/**
 * The shapes tests read back (the fields their selections ask for; what a selection leaves out is
 * simply absent). References a test checks to be null are typed as present, as its assertions say.
 */
export interface CompanyShape {
  id: string;
  name: string;
  domain: string | null;
  contacts: ContactShape[];
}
export interface ContactShape {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: CompanyShape | null;
  deals: DealShape[];
  createdAt: string;
  updatedAt: string;
}
export interface DealShape {
  id: string;
  title: string;
  stage: string;
  amount: { amount: string; currency: string };
  contact: ContactShape;
  owner: { id: string } | null;
  closedAt: string;
  lostReason: string | null;
}
export interface ConnectionShape<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}
/** The root fields of CRM's queries, as tests read them. */
export interface CrmData {
  contact: ContactShape;
  contacts: ConnectionShape<ContactShape>;
  company: CompanyShape;
  companies: ConnectionShape<CompanyShape>;
  deal: DealShape;
  deals: ConnectionShape<DealShape>;
}
export type ContactPayload = { contact: ContactShape; userErrors: UserErrorShape[] };
export type CompanyPayload = { company: CompanyShape; userErrors: UserErrorShape[] };
export type DealPayload = { deal: DealShape; userErrors: UserErrorShape[] };
export type DeleteContactPayload = { deletedContactId: string | null; userErrors: UserErrorShape[] };

export async function createContact(url: string, caller: Caller, input: Record<string, unknown>): Promise<ContactShape> {
  const payload = await mutate<ContactPayload>(url, caller, 'createContact', `contact { ${CONTACT_FIELDS} } ${USER_ERRORS}`, input);
  if (payload.userErrors.length > 0) throw new Error(`createContact refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.contact;
}

/** Creates a deal (its ownerId, if any, taken to be an employee HR announced to this tenant). */
export async function createDeal(url: string, caller: Caller, input: Record<string, unknown>): Promise<DealShape> {
  await announceReferences(url, caller.tenantId, { employee: [input.ownerId as string | undefined] });
  const payload = await mutate<DealPayload>(url, caller, 'createDeal', `deal { ${DEAL_FIELDS} } ${USER_ERRORS}`, input);
  if (payload.userErrors.length > 0) throw new Error(`createDeal refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.deal;
}

/** Counts the tenant's CRM rows straight from the database (as the app role, in a tenant transaction). */
export function countRows(db: CrmDb, tenantId: string): Promise<{ companies: number; contacts: number; deals: number }> {
  return asTenant(db, tenantId, async (tx) => ({
    companies: await tx.company.count(),
    contacts: await tx.contact.count(),
    deals: await tx.deal.count(),
  }));
}

/** The tenant's outbox rows as stored (publishedAt and createdAt included), in recording order. */
export function outboxRows(db: CrmDb, tenantId: string) {
  return asTenant(db, tenantId, (tx) => tx.outboxEvent.findMany({ orderBy: { seq: 'asc' } }));
}
