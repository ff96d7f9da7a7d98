import { scalarResolvers } from '@tessera/service-kit';
import { __Entity__ } from './__Entity__.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';

export const resolvers = {
  Decimal: scalarResolvers.Decimal,
  DateTime: scalarResolvers.DateTime,
  Date: scalarResolvers.Date,
  Query,
  Mutation,
  __Entity__,
};
