import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  me: (_parent, _args, context) => bound(context).tenantService.me(),
  tenant: (_parent, _args, context) => bound(context).tenantService.current(),
  tenantAccess: (_parent, _args, context) => bound(context).tenantService.access(),
};
