import { scalarResolvers } from '@tessera/service-kit';
import type { Resolvers } from '../generated/graphql.js';
import { Company } from './Company.js';
import { Contact } from './Contact.js';
import { Deal } from './Deal.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';

export const resolvers: Resolvers = {
  Decimal: scalarResolvers.Decimal,
  DateTime: scalarResolvers.DateTime,
  Query,
  Mutation,
  Contact,
  Company,
  Deal,
};
