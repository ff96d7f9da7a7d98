import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  __entity__: (_parent, { id }, context) => bound(context).items.byId(id),
  __entities__: (_parent, args, context) => bound(context).items.list(args),
};
