import DataLoader from 'dataloader';
import { isUuid } from '@tessera/service-kit';
import type { Appointment, AvailabilityInterval, Resource, Service } from './generated/prisma/client.js';
import type { AppointmentRepository } from './repositories/appointment-repository.js';
import type { ResourceRepository, StoredOverride } from './repositories/resource-repository.js';
import type { ServiceRepository } from './repositories/service-repository.js';

/**
 * The request's DataLoaders: every entity reference and every list-per-parent field costs ONE SQL
 * statement per plan step, however many parents ask. Ids that cannot be UUIDs match nothing
 * without reaching the database.
 */
export interface BookingLoaders {
  serviceById: DataLoader<string, Service | null>;
  resourceById: DataLoader<string, Resource | null>;
  appointmentById: DataLoader<string, Appointment | null>;
  servicesByResourceId: DataLoader<string, Service[]>;
  weeklyByResourceId: DataLoader<string, AvailabilityInterval[]>;
  overridesByResourceId: DataLoader<string, StoredOverride[]>;
  /** Every appointment of each contact, soonest first. */
  appointmentsByContactId: DataLoader<string, Appointment[]>;
  /** Each contact's REQUESTED or CONFIRMED appointments starting from the request's time on, soonest first. */
  upcomingAppointmentsByContactId: DataLoader<string, Appointment[]>;
}

async function fetchWellFormed<T>(keys: readonly string[], fetch: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  const wanted = keys.filter(isUuid);
  return wanted.length > 0 ? fetch(wanted) : [];
}

function byIdLoader<T extends { id: string }>(fetch: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    const found = new Map((await fetchWellFormed(keys, fetch)).map((row) => [row.id, row]));
    return keys.map((key) => found.get(key) ?? null);
  });
}

function byParentLoader<T, R = T>(
  fetch: (parentIds: string[]) => Promise<T[]>,
  parentOf: (row: T) => string,
  valueOf: (row: T) => R = (row) => row as unknown as R,
): DataLoader<string, R[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<string, R[]>(keys.map((key) => [key, []]));
    for (const row of await fetchWellFormed(keys, fetch)) groups.get(parentOf(row))?.push(valueOf(row));
    return keys.map((key) => groups.get(key) ?? []);
  });
}

export function createLoaders(
  repositories: { services: ServiceRepository; resources: ResourceRepository; appointments: AppointmentRepository },
  requestTime: Date,
): BookingLoaders {
  const { services, resources, appointments } = repositories;
  return {
    serviceById: byIdLoader((ids) => services.findByIds(ids)),
    resourceById: byIdLoader((ids) => resources.findByIds(ids)),
    appointmentById: byIdLoader((ids) => appointments.findByIds(ids)),
    servicesByResourceId: byParentLoader(
      (ids) => services.listByResourceIds(ids),
      (row) => row.resourceId,
      (row) => row.service,
    ),
    weeklyByResourceId: byParentLoader(
      (ids) => resources.weeklyByResourceIds(ids),
      (row) => row.resourceId,
    ),
    overridesByResourceId: byParentLoader(
      (ids) => resources.overridesByResourceIds(ids),
      (row) => row.resourceId,
    ),
    appointmentsByContactId: byParentLoader(
      (ids) => appointments.listByContactIds(ids, null),
      (row) => row.contactId,
    ),
    upcomingAppointmentsByContactId: byParentLoader(
      (ids) => appointments.listByContactIds(ids, requestTime),
      (row) => row.contactId,
    ),
  };
}
