import type { LeaveRequestResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';
import { leaveDays } from '../domain/leave-rules.js';

export const LeaveRequest: LeaveRequestResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.leaveRequestById.load(reference.id),
  employee: async (leave, _args, context) => {
    const employee = await bound(context).loaders.employeeById.load(leave.employeeId);
    if (!employee) throw new Error(`employee ${leave.employeeId} of leave request ${leave.id} not found`);
    return employee;
  },
  days: (leave) => leaveDays(leave.startDate, leave.endDate),
};
