import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { BookingDb, BookingTx } from './db.js';
import { BookingEvents } from './events/booking-events.js';
import { createLoaders, type BookingLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
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

/** Builds the request context: repositories on the caller's tenant, services and DataLoaders over them, the events writer. */
export function bookingTenant({ scope, caller, outbox, now, references }: TenantDeps<BookingDb, BookingTx, unknown>): TenantBound {
  const repositories = createRepositories(caller.tenantId);
  const loaders = createLoaders(scope, repositories, now());
  return {
    catalog: new CatalogService(scope, repositories, loaders),
    schedules: new ScheduleService(scope, repositories, loaders, references),
    appointments: new AppointmentService(scope, repositories, loaders, new BookingEvents(outbox, caller.tenantId), now, references),
    loaders,
  };
}

export { bound } from '@tessera/service-kit';
