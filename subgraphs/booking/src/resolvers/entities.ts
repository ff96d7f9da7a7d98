import type {
  AppointmentResolvers,
  ContactResolvers,
  DateOverrideResolvers,
  ResourceResolvers,
  ServiceResolvers,
  TimeIntervalResolvers,
} from '../generated/graphql.js';
import { bound } from '../context.js';
import { formatClock } from '../domain/availability.js';
import { toMoney } from '@tessera/service-kit';

export const Service: ServiceResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.serviceById.load(reference.id),
  price: (service) => toMoney(service.priceAmount, service.priceCurrency),
};

export const Resource: ResourceResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.resourceById.load(reference.id),
  employee: (resource) => (resource.employeeId ? { id: resource.employeeId } : null),
  weeklyAvailability: (resource, _args, context) => bound(context).schedules.weeklyAvailability(resource.id),
  dateOverrides: (resource, { from, to }, context) => bound(context).schedules.dateOverrides(resource.id, from ?? null, to ?? null),
  services: (resource, _args, context) => bound(context).catalog.offeredBy(resource.id),
};

export const Appointment: AppointmentResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.appointmentById.load(reference.id),
  service: async (appointment, _args, context) => {
    const service = await bound(context).loaders.serviceById.load(appointment.serviceId);
    if (!service) throw new Error(`service ${appointment.serviceId} of appointment ${appointment.id} not found`);
    return service;
  },
  resource: async (appointment, _args, context) => {
    const resource = await bound(context).loaders.resourceById.load(appointment.resourceId);
    if (!resource) throw new Error(`resource ${appointment.resourceId} of appointment ${appointment.id} not found`);
    return resource;
  },
  contact: (appointment) => ({ id: appointment.contactId }),
  price: (appointment) => toMoney(appointment.priceAmount, appointment.priceCurrency),
};

/** CRM's contact, extended: any id resolves (CRM owns existence); unknown or foreign ids simply have no appointments. */
export const Contact: ContactResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  appointments: (contact, { upcoming }, context) => bound(context).appointments.ofContact(contact.id, upcoming ?? false),
};

export const DateOverride: DateOverrideResolvers = {
  closed: (override) => override.intervals.length === 0,
};

export const TimeInterval: TimeIntervalResolvers = {
  start: (interval) => formatClock(interval.start),
  end: (interval) => formatClock(interval.end),
};
