import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  services: (_parent, args, context) => bound(context).catalog.list(args),
  service: (_parent, { id }, context) => bound(context).catalog.get(id),
  resources: (_parent, args, context) => bound(context).schedules.list(args),
  resource: (_parent, { id }, context) => bound(context).schedules.get(id),
  appointments: (_parent, args, context) => bound(context).appointments.list(args),
  appointment: (_parent, { id }, context) => bound(context).appointments.get(id),
  availableSlots: (_parent, args, context) => bound(context).appointments.availableSlots(args),
};
