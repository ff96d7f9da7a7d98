import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  invoice: (_parent, { id }, context) => bound(context).loaders.invoiceById.load(id),
  invoices: (_parent, args, context) => bound(context).queries.list(args),
  creditNote: (_parent, { id }, context) => bound(context).loaders.creditNoteById.load(id),
};
