import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  me: (_parent, _args, context) => bound(context).tenantService.me(),
  tenant: (_parent, _args, context) => bound(context).tenantService.current(),
  tenantAccess: (_parent, _args, context) => bound(context).tenantService.access(),
  apiKeyAccess: (_parent, { secretHash }, context) => context.public.accounts.apiKeyAccess(secretHash),
  users: (_parent, args, context) => bound(context).team.users(args),
  invitations: (_parent, args, context) => bound(context).team.invitations(args),
  apiKeys: (_parent, args, context) => bound(context).team.apiKeys(args),
};
