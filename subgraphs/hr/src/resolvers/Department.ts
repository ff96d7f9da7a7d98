import type { DepartmentResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Department: DepartmentResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.departmentById.load(reference.id),
  head: (department, _args, context) => (department.headId ? bound(context).loaders.employeeById.load(department.headId) : null),
  members: (department, { first }, context) => bound(context).departments.membersOf(department.id, first),
};
