import { scalarResolvers } from '@tessera/service-kit';
import type { Resolvers } from '../generated/graphql.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';
import { ApiKey, Invitation } from './Team.js';
import { Branding, Tenant } from './Tenant.js';
import { User } from './User.js';

export const resolvers: Resolvers = {
  ...{ DateTime: scalarResolvers.DateTime },
  Query,
  Mutation,
  Tenant,
  Branding,
  User,
  Invitation,
  ApiKey,
};
