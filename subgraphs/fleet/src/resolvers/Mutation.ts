import type { MutationResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Mutation: MutationResolvers = {
  createVehicle: (_parent, { input }, context) => bound(context).vehicles.create(input),
  updateVehicle: (_parent, { input }, context) => bound(context).vehicles.update(input),
  retireVehicle: (_parent, { input }, context) => bound(context).vehicles.retire(input.vehicleId),
  assignDriver: (_parent, { input }, context) => bound(context).vehicles.assignDriver(input),
  unassignDriver: (_parent, { input }, context) => bound(context).vehicles.unassignDriver(input),
  recordTrip: (_parent, { input }, context) => bound(context).logs.recordTrip(input),
  logFuel: (_parent, { input }, context) => bound(context).logs.logFuel(input),
  logMaintenance: (_parent, { input }, context) => bound(context).logs.logMaintenance(input),
  setServiceReminder: (_parent, { input }, context) => bound(context).reminders.set(input),
};
