import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  employees: (_parent, args, context) => bound(context).employees.list(args),
  employee: (_parent, { id }, context) => bound(context).employees.get(id),
  departments: (_parent, args, context) => bound(context).departments.list(args),
  department: (_parent, { id }, context) => bound(context).departments.get(id),
  leaveRequests: (_parent, args, context) => bound(context).leave.list(args),
  leaveRequest: (_parent, { id }, context) => bound(context).leave.get(id),
};
