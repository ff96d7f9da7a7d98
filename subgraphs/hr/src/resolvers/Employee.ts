import { toMoney } from '@tessera/service-kit';
import type { EmployeeResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Employee: EmployeeResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.employeeById.load(reference.id),
  department: (employee, _args, context) =>
    employee.departmentId ? bound(context).loaders.departmentById.load(employee.departmentId) : null,
  manager: (employee, _args, context) => (employee.managerId ? bound(context).loaders.employeeById.load(employee.managerId) : null),
  reports: (employee, { first }, context) => bound(context).employees.reportsOf(employee.id, first),
  status: (employee, _args, context) => bound(context).employees.status(employee),
  // Hidden from the callers the permission table does not list (Employee.compensation).
  compensation: (employee) => {
    if (employee.salaryAmount === null || employee.salaryCurrency === null) return null;
    return toMoney(employee.salaryAmount, employee.salaryCurrency);
  },
  leaveRequests: (employee, _args, context) => bound(context).leave.ofEmployee(employee.id),
};
