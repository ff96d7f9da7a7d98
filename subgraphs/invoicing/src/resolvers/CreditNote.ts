import type { CreditNoteResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';
import { toMoney } from '@tessera/service-kit';

export const CreditNote: CreditNoteResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.creditNoteById.load(reference.id),
  number: (note) => note.number ?? '',
  reason: (note) => note.reason ?? '',
  issuedAt: (note) => note.issuedAt ?? note.createdAt,
  invoice: async (note, _args, context) => {
    const invoice = note.creditedInvoiceId ? await bound(context).loaders.invoiceById.load(note.creditedInvoiceId) : null;
    if (!invoice) throw new Error(`credited invoice of credit note ${note.id} not found`);
    return invoice;
  },
  contact: (note) => ({ id: note.contactId }),
  lines: async (note, _args, context) =>
    (await bound(context).loaders.linesByDocumentId.load(note.id)).map((line) => ({ ...line, currency: note.currency })),
  subtotal: (note) => toMoney(note.subtotal, note.currency),
  taxTotal: (note) => toMoney(note.taxTotal, note.currency),
  total: (note) => toMoney(note.total, note.currency),
};
