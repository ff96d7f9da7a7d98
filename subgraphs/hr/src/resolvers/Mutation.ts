import type { MutationResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Mutation: MutationResolvers = {
  hireEmployee: (_parent, { input }, context) => bound(context).employees.hire(input),
  updateEmployee: (_parent, { input }, context) => bound(context).employees.update(input),
  terminateEmployee: (_parent, { input }, context) => bound(context).employees.terminate(input),
  createDepartment: (_parent, { input }, context) => bound(context).departments.create(input),
  updateDepartment: (_parent, { input }, context) => bound(context).departments.update(input),
  requestLeave: (_parent, { input }, context) => bound(context).leave.request(input),
  approveLeave: (_parent, { input }, context) => bound(context).leave.approve(input),
  rejectLeave: (_parent, { input }, context) => bound(context).leave.reject(input),
  cancelLeave: (_parent, { input }, context) => bound(context).leave.cancel(input),
};
