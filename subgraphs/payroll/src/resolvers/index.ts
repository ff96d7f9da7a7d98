import { scalarResolvers } from '@tessera/service-kit';
import type { Resolvers } from '../generated/graphql.js';
import { Commission, PayProfile } from './Commission.js';
import { Employee } from './Employee.js';
import { Mutation } from './Mutation.js';
import { PayRun, Payslip } from './PayRun.js';
import { Query } from './Query.js';

export const resolvers: Resolvers = { ...scalarResolvers, Query, Mutation, Employee, Commission, PayProfile, PayRun, Payslip };
