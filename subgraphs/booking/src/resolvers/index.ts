import { scalarResolvers } from '@tessera/service-kit';
import type { Resolvers } from '../generated/graphql.js';
import { Appointment, Contact, DateOverride, Resource, Service, TimeInterval } from './entities.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  Service,
  Resource,
  Appointment,
  Contact,
  DateOverride,
  TimeInterval,
};
