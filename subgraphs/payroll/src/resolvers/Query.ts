import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  commissionRule: (_parent, _args, context) => bound(context).commissions.commissionRule(),
  commissions: (_parent, args, context) => bound(context).commissions.list(args),
  commission: (_parent, { id }, context) => bound(context).commissions.get(id),
  payRuns: (_parent, args, context) => bound(context).payRuns.list(args),
  payRun: (_parent, { id }, context) => bound(context).payRuns.get(id),
};
