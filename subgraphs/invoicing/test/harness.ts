import type { CallerContext } from '@tessera/service-kit';
import {
  announceReferences,
  countSql,
  mutate,
  query,
  startTestModule,
  USER_ERRORS,
  type SqlCounter,
  type TestModule,
  type TestModuleOptions,
  type UserErrorShape,
} from '../../../packages/testkit/src/index.js';
import invoicing, { type InvoicingDb } from '../src/index.js';

/** A running invoicing module on a free port, with a query-logging client whose SQL is counted. */
export type Harness = TestModule<InvoicingDb> & { sql: SqlCounter };

/** Starts the invoicing module in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export async function startInvoicing(options: TestModuleOptions = {}): Promise<Harness> {
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
type InvoicePayload = { invoice: Invoice | null; userErrors: UserErrorShape[] };

/** Creates a draft and returns it (fails the test on errors); its contact and deal are taken to be the tenant's. */
export async function createDraft(
  url: string,
  caller: CallerContext,
  input: { contactId: string; currency?: string; dueDate?: string | null; lines?: LineIn[]; dealId?: string },
): Promise<Invoice> {
  await announceReferences(url, caller.tenantId!, { contact: [input.contactId], deal: [input.dealId] });
  const created = await mutate<InvoicePayload>(url, caller, 'createInvoice', `invoice { ${INVOICE_FIELDS} } ${USER_ERRORS}`, {
    currency: 'EUR',
    lines: [{ description: 'Consulting', quantity: '1', unitPrice: '100' }],
    ...input,
  });
  if (created.userErrors.length) throw new Error(JSON.stringify(created.userErrors));
  return created.invoice!;
}

/** Sends a draft and returns it. */
export async function send(url: string, caller: CallerContext, invoiceId: string): Promise<Invoice> {
  const sent = await mutate<InvoicePayload>(url, caller, 'sendInvoice', `invoice { ${INVOICE_FIELDS} } ${USER_ERRORS}`, { invoiceId });
  if (sent.userErrors.length) throw new Error(JSON.stringify(sent.userErrors));
  return sent.invoice!;
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

/** Records a payment and returns the payload (user errors included). */
export function pay(url: string, caller: CallerContext, invoiceId: string, amount: string, currency = 'EUR', method?: string) {
  return mutate<InvoicePayload & { payment: Invoice | null }>(
    url,
    caller,
    'recordPayment',
    `invoice { ${INVOICE_FIELDS} } payment { id amount { amount currency } method } ${USER_ERRORS}`,
    { invoiceId, amount: { amount, currency }, ...(method ? { method } : {}) },
  );
}

export async function getInvoice(url: string, caller: CallerContext, id: string): Promise<Invoice | null> {
  return (await query<{ invoice: Invoice | null }>(url, caller, GET_INVOICE, { id })).invoice;
}

/** The calendar day `days` from today (UTC), as YYYY-MM-DD. */
export function dayFromToday(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}
