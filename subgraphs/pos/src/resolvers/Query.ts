import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  registers: (_parent, args, context) => bound(context).registers.list(args),
  register: (_parent, { id }, context) => bound(context).registers.get(id),
  sessions: (_parent, args, context) => bound(context).sessions.list(args),
  session: (_parent, { id }, context) => bound(context).sessions.get(id),
  sales: (_parent, args, context) => bound(context).sales.list(args),
  sale: (_parent, { id }, context) => bound(context).sales.get(id),
};
