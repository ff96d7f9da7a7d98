import type { MutationResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Mutation: MutationResolvers = {
  setCommissionRate: (_parent, { input }, context) => bound(context).commissions.setRate(input),
  setEmployeeCommissionRate: (_parent, { input }, context) => bound(context).commissions.setEmployeeRate(input),
  createPayRun: (_parent, { input }, context) => bound(context).payRuns.create(input),
  approvePayRun: (_parent, { input }, context) => bound(context).payRuns.approve(input),
  markPayRunPaid: (_parent, { input }, context) => bound(context).payRuns.markPaid(input),
  cancelPayRun: (_parent, { input }, context) => bound(context).payRuns.cancel(input),
};
