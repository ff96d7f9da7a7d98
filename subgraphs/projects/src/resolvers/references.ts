import type { ContactResolvers, EmployeeResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

/** CRM's contact, extended: any id resolves (CRM owns existence); unknown or foreign ids simply have no projects. */
export const Contact: ContactResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  projects: (contact, _args, context) => bound(context).loaders.projectsByContactId.load(contact.id),
};

/** HR's employee, extended: any id resolves (HR owns existence); unknown or foreign ids simply have no tasks. */
export const Employee: EmployeeResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  assignedTasks: (employee, { state }, context) => bound(context).tasks.ofEmployee(employee.id, state),
};
