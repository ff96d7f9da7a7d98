import { scalarResolvers } from '@tessera/service-kit';
import type { Resolvers } from '../generated/graphql.js';
import { Department } from './Department.js';
import { Employee } from './Employee.js';
import { LeaveRequest } from './LeaveRequest.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';

export const resolvers: Resolvers = { ...scalarResolvers, Query, Mutation, Employee, Department, LeaveRequest };
