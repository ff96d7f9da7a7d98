import { type CallerContext } from '@tessera/service-kit';
import { Outbox } from '@tessera/events';
import {
  callSubgraph,
  countSql,
  expectData,
  type SqlCounter,
  startTestModule,
  type TestModule,
} from '../../../packages/testkit/src/index.js';
import invoicing, { type InvoicingDb } from '../src/index.js';

/** A running invoicing module on a free port, with a query-logging client whose SQL is counted. */
export type Harness = TestModule<InvoicingDb> & { sql: SqlCounter };

/** The bus namespace of the outbox rows these tests write: no relay publishes it, so events stay in the outbox. */
export const TEST_NAMESPACE = 'invoicing_tests';

export async function startInvoicing(options: { poolMax?: number; now?: () => Date; outbox?: Outbox } = {}): Promise<Harness> {
  const running = await startTestModule<InvoicingDb>(invoicing, { ...options, poolMax: options.poolMax ?? 5, logQueries: true });
  return Object.assign(running, { sql: countSql(running.db) });
}

export const INVOICE_FIELDS = `
  id number status currency dueDate issuedAt paidAt voidedAt createdAt
  contact { id } deal { id }
  subtotal { amount currency } taxTotal { amount currency } total { amount currency }
  amountPaid { amount currency } amountCredited { amount currency } amountDue { amount currency }
  lines { id description quantity taxRate unitPrice { amount currency } net { amount currency } tax { amount currency } total { amount currency } }
  payments { id method amount { amount currency } receivedAt }
  creditNotes { id number }
`;

const USER_ERRORS = 'userErrors { field message code }';

export const CREATE_INVOICE = `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { ${INVOICE_FIELDS} } ${USER_ERRORS} } }`;
export const UPDATE_DRAFT = `mutation($input: UpdateDraftInvoiceInput!) { updateDraftInvoice(input: $input) { invoice { ${INVOICE_FIELDS} } ${USER_ERRORS} } }`;
export const SEND_INVOICE = `mutation($input: SendInvoiceInput!) { sendInvoice(input: $input) { invoice { ${INVOICE_FIELDS} } ${USER_ERRORS} } }`;
export const RECORD_PAYMENT = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { invoice { ${INVOICE_FIELDS} } payment { id amount { amount currency } method } ${USER_ERRORS} } }`;
export const VOID_INVOICE = `mutation($input: VoidInvoiceInput!) { voidInvoice(input: $input) { invoice { ${INVOICE_FIELDS} } ${USER_ERRORS} } }`;
export const CREATE_CREDIT_NOTE = `mutation($input: CreateCreditNoteInput!) { createCreditNote(input: $input) {
  creditNote { id number reason currency issuedAt contact { id } invoice { id }
    lines { description quantity taxRate unitPrice { amount currency } net { amount currency } tax { amount currency } }
    subtotal { amount currency } taxTotal { amount currency } total { amount currency } }
  invoice { ${INVOICE_FIELDS} } ${USER_ERRORS} } }`;
export const GET_INVOICE = `query($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`;
export const LIST_INVOICES = `query($first: Int, $after: String, $filter: InvoiceFilter) {
  invoices(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id number status total { amount currency } contact { id } } }
  } }`;

export interface LineIn {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate?: string;
}

export type Invoice = Record<string, any>;

/** Creates a draft and returns it (fails the test on errors). */
export async function createDraft(
  url: string,
  caller: CallerContext,
  input: { contactId: string; currency?: string; dueDate?: string | null; lines?: LineIn[]; dealId?: string },
): Promise<Invoice> {
  const data = expectData(
    await callSubgraph(url, caller, CREATE_INVOICE, {
      input: { currency: 'EUR', lines: [{ description: 'Consulting', quantity: '1', unitPrice: '100' }], ...input },
    }),
  );
  if (data.createInvoice.userErrors.length) throw new Error(JSON.stringify(data.createInvoice.userErrors));
  return data.createInvoice.invoice;
}

/** Sends a draft and returns it. */
export async function send(url: string, caller: CallerContext, invoiceId: string): Promise<Invoice> {
  const data = expectData(await callSubgraph(url, caller, SEND_INVOICE, { input: { invoiceId } }));
  if (data.sendInvoice.userErrors.length) throw new Error(JSON.stringify(data.sendInvoice.userErrors));
  return data.sendInvoice.invoice;
}

/** Creates and sends an invoice of one line of `amount` (no tax). */
export async function sentInvoice(
  url: string,
  caller: CallerContext,
  contactId: string,
  amount = '100',
  currency = 'EUR',
  dueDate?: string,
): Promise<Invoice> {
  const draft = await createDraft(url, caller, {
    contactId,
    currency,
    lines: [{ description: 'Work', quantity: '1', unitPrice: amount }],
    ...(dueDate ? { dueDate } : {}),
  });
  return send(url, caller, draft.id);
}

export async function pay(url: string, caller: CallerContext, invoiceId: string, amount: string, currency = 'EUR', method?: string) {
  return expectData(
    await callSubgraph(url, caller, RECORD_PAYMENT, { input: { invoiceId, amount: { amount, currency }, ...(method ? { method } : {}) } }),
  ).recordPayment as {
    invoice: Invoice | null;
    payment: Invoice | null;
    userErrors: { field: string[] | null; message: string; code: string }[];
  };
}

export async function getInvoice(url: string, caller: CallerContext, id: string): Promise<Invoice | null> {
  return expectData(await callSubgraph(url, caller, GET_INVOICE, { id })).invoice;
}

/** The calendar day `days` from today (UTC), as YYYY-MM-DD. */
export function dayFromToday(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}

/** The tenant's outbox rows, in recording order (read as the app role, in a tenant transaction). */
export function outboxRows(db: InvoicingDb, tenantId: string) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('tessera.tenant_id', ${tenantId}, true)`;
    return tx.outboxEvent.findMany({ orderBy: { seq: 'asc' } });
  });
}

export const codes = (errors: { code: string }[]) => errors.map((error) => error.code);
