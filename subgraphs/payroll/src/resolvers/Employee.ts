import type { EmployeeResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

/** HR's employee, extended: any id resolves (HR owns existence); unknown or foreign ids simply have nothing in payroll. */
export const Employee: EmployeeResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  commissions: (employee, { status }, context) => bound(context).commissions.ofEmployee(employee.id, status),
  payslips: (employee, _args, context) => bound(context).loaders.payslipsByEmployeeId.load(employee.id),
  payProfile: (employee, _args, context) => bound(context).loaders.payProfileByEmployeeId.load(employee.id),
};
