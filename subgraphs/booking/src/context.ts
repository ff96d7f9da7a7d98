import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { BookingDb, BookingTx } from './db.js';
import { createLoaders, type BookingLoaders } from './loaders.js';
import { AppointmentRepository } from './repositories/appointment-repository.js';
import { ResourceRepository } from './repositories/resource-repository.js';
import { ServiceRepository } from './repositories/service-repository.js';
import { AppointmentService } from './services/appointment-service.js';
import { CatalogService } from './services/catalog-service.js';
import { ScheduleService } from './services/schedule-service.js';

/** Per-request services and loaders of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  catalog: CatalogService;
  schedules: ScheduleService;
  appointments: AppointmentService;
  loaders: BookingLoaders;
}

export type BookingContext = ModuleContext<TenantBound>;

/** Builds the request context: repositories on a tenant scope, services and DataLoaders over them. */
export function bookingTenant(deps: TenantDeps<BookingDb, BookingTx, unknown>): TenantBound {
  const now = deps.now;
  const scope = deps.scope;
  const services = new ServiceRepository(scope);
  const resources = new ResourceRepository(scope);
  const appointments = new AppointmentRepository(scope);
  const loaders = createLoaders({ services, resources, appointments }, now());
  return {
    catalog: new CatalogService(scope, services, loaders),
    schedules: new ScheduleService(scope, resources, services, loaders),
    appointments: new AppointmentService({ scope, appointments, services, resources, loaders, outbox: deps.outbox, now }),
    loaders,
  };
}

export { bound } from '@tessera/service-kit';
