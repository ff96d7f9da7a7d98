import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  vehicles: (_parent, args, context) => bound(context).vehicles.list(args),
  vehicle: (_parent, { id }, context) => bound(context).vehicles.get(id),
  vehicleTrips: (_parent, { vehicleId, ...page }, context) => bound(context).logs.trips(vehicleId, page),
  fuelLogs: (_parent, { vehicleId, ...page }, context) => bound(context).logs.fuelLogs(vehicleId, page),
  maintenanceLogs: (_parent, { vehicleId, ...page }, context) => bound(context).logs.maintenanceLogs(vehicleId, page),
  dueReminders: (_parent, args, context) => bound(context).reminders.due(args),
};
