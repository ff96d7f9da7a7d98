import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  contacts: (_parent, args, context) => bound(context).contacts.list(args),
  contact: (_parent, { id }, context) => bound(context).contacts.get(id),
  companies: (_parent, args, context) => bound(context).companies.list(args),
  company: (_parent, { id }, context) => bound(context).companies.get(id),
  deals: (_parent, args, context) => bound(context).deals.list(args),
  deal: (_parent, { id }, context) => bound(context).deals.get(id),
};
