import { scalarResolvers } from '@tessera/service-kit';
import type { Resolvers } from '../generated/graphql.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';
import { Employee, FuelLog, MaintenanceLog, ServiceReminder, Trip, Vehicle } from './Vehicle.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  Employee,
  Vehicle,
  Trip,
  FuelLog,
  MaintenanceLog,
  ServiceReminder,
};
