import type { InvoiceResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';
import { effectiveStatus } from '../domain/invoice.js';
import { toMoney } from '@tessera/service-kit';
import { amountDue } from '../domain/totals.js';

export const Invoice: InvoiceResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.invoiceById.load(reference.id),
  status: (invoice, _args, context) => effectiveStatus(invoice, bound(context).today),
  contact: (invoice) => ({ id: invoice.contactId }),
  deal: (invoice) => (invoice.dealId ? { id: invoice.dealId } : null),
  lines: async (invoice, _args, context) =>
    (await bound(context).loaders.linesByDocumentId.load(invoice.id)).map((line) => ({ ...line, currency: invoice.currency })),
  subtotal: (invoice) => toMoney(invoice.subtotal, invoice.currency),
  taxTotal: (invoice) => toMoney(invoice.taxTotal, invoice.currency),
  total: (invoice) => toMoney(invoice.total, invoice.currency),
  amountPaid: (invoice) => toMoney(invoice.amountPaid, invoice.currency),
  amountCredited: (invoice) => toMoney(invoice.amountCredited, invoice.currency),
  amountDue: (invoice) => toMoney(amountDue(invoice), invoice.currency),
  payments: (invoice, _args, context) => bound(context).loaders.paymentsByInvoiceId.load(invoice.id),
  creditNotes: (invoice, _args, context) => bound(context).loaders.creditNotesByInvoiceId.load(invoice.id),
};
