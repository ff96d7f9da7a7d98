import type DataLoader from 'dataloader';
import { tenantLoaders, type LoaderScope } from '@tessera/service-kit';
import type { BookingTx } from './db.js';
import type { Appointment, AvailabilityInterval, Resource, Service } from './generated/prisma/client.js';
import type { Repositories } from './repositories/index.js';
import type { StoredOverride } from './repositories/resource-repository.js';

/**
 * The request's DataLoaders: every entity reference and every list-per-parent field costs ONE SQL
 * statement per plan step, however many parents ask. Ids that cannot be UUIDs match nothing
 * without reaching the database.
 */
export interface BookingLoaders {
  serviceById: DataLoader<string, Service | null>;
  resourceById: DataLoader<string, Resource | null>;
  appointmentById: DataLoader<string, Appointment | null>;
  /** The services each resource offers (with the resource's id), oldest service first. */
  servicesByResourceId: DataLoader<string, { resourceId: string; service: Service }[]>;
  weeklyByResourceId: DataLoader<string, AvailabilityInterval[]>;
  overridesByResourceId: DataLoader<string, StoredOverride[]>;
  /** Every appointment of each contact, soonest first. */
  appointmentsByContactId: DataLoader<string, Appointment[]>;
  /** Each contact's REQUESTED or CONFIRMED appointments starting from the request's time on, soonest first. */
  upcomingAppointmentsByContactId: DataLoader<string, Appointment[]>;
}

export function createLoaders(scope: LoaderScope<BookingTx>, repositories: Repositories, requestTime: Date): BookingLoaders {
  const load = tenantLoaders(scope);
  const { services, resources, appointments } = repositories;
  return {
    serviceById: load.byId((tx, ids) => services.findByIds(tx, ids)),
    resourceById: load.byId((tx, ids) => resources.findByIds(tx, ids)),
    appointmentById: load.byId((tx, ids) => appointments.findByIds(tx, ids)),
    servicesByResourceId: load.byParent(
      (tx, ids) => services.listByResourceIds(tx, ids),
      (row) => row.resourceId,
    ),
    weeklyByResourceId: load.byParent(
      (tx, ids) => resources.weekly(tx, ids),
      (row) => row.resourceId,
    ),
    overridesByResourceId: load.byParent(
      (tx, ids) => resources.overridesByResourceIds(tx, ids),
      (row) => row.resourceId,
    ),
    appointmentsByContactId: load.byParent(
      (tx, ids) => appointments.listByContactIds(tx, ids, null),
      (row) => row.contactId,
    ),
    upcomingAppointmentsByContactId: load.byParent(
      (tx, ids) => appointments.listByContactIds(tx, ids, requestTime),
      (row) => row.contactId,
    ),
  };
}
