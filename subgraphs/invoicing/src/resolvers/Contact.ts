import type { ContactResolvers, DealResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

/** CRM's contact, extended: any id resolves (CRM owns existence); unknown or foreign ids simply have no invoices. */
export const Contact: ContactResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  invoices: (contact, { status }, context) => bound(context).queries.contactInvoices(contact.id, status),
  outstandingBalance: (contact, _args, context) => bound(context).queries.outstandingBalance(contact.id),
  outstandingBalances: (contact, _args, context) => bound(context).queries.outstandingBalances(contact.id),
};

/** CRM's deal, extended with its latest non-void invoice. */
export const Deal: DealResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  invoice: (deal, _args, context) => bound(context).loaders.invoiceByDealId.load(deal.id),
};
