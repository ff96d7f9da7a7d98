import type { MutationResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Mutation: MutationResolvers = {
  createService: (_parent, { input }, context) => bound(context).catalog.create(input),
  updateService: (_parent, { input }, context) => bound(context).catalog.update(input),
  createResource: (_parent, { input }, context) => bound(context).schedules.create(input),
  setResourceServices: (_parent, { input }, context) => bound(context).schedules.setServices(input),
  setWeeklyAvailability: (_parent, { input }, context) => bound(context).schedules.setWeekly(input),
  setDateOverride: (_parent, { input }, context) => bound(context).schedules.setOverride(input),
  removeDateOverride: (_parent, { input }, context) => bound(context).schedules.removeOverride(input),
  requestAppointment: (_parent, { input }, context) => bound(context).appointments.request(input),
  confirmAppointment: (_parent, { input }, context) => bound(context).appointments.confirm(input),
  completeAppointment: (_parent, { input }, context) => bound(context).appointments.complete(input),
  markNoShow: (_parent, { input }, context) => bound(context).appointments.markNoShow(input),
  cancelAppointment: (_parent, { input }, context) => bound(context).appointments.cancel(input),
};
