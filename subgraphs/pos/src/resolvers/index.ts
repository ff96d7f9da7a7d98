import { scalarResolvers } from '@tessera/service-kit';
import type { Resolvers } from '../generated/graphql.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';
import { Register, RegisterSession } from './Register.js';
import { Receipt, Sale, SaleLine, SalePayment } from './Sale.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  Register,
  RegisterSession,
  Sale,
  Receipt,
  SaleLine,
  SalePayment,
};
