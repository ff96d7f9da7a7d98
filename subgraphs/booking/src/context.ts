import { TenantScope } from '@tessera/prisma';
import { ErrorCode, TesseraError, type RequestContext } from '@tessera/service-kit';
import type { Outbox } from '@tessera/events';
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

export interface BookingContext extends RequestContext {
  /** null for a context without a tenant: the subgraph refuses such callers every field. */
  booking: TenantBound | null;
}

export interface BookingDeps {
  db: BookingDb;
  /** Records booking's events in the transaction of each change (the relay publishes them after commit). */
  outbox: Outbox;
  /** The clock (tests may move it); defaults to the system time. */
  now?: () => Date;
}

/** Builds the request context: repositories on a tenant scope, services and DataLoaders over them. */
export function createBookingContext(deps: BookingDeps, base: RequestContext): BookingContext {
  const { tenantId } = base.caller;
  if (!tenantId) return { ...base, booking: null };
  const now = deps.now ?? (() => new Date());
  const scope = new TenantScope<BookingTx>(deps.db, tenantId);
  const services = new ServiceRepository(scope);
  const resources = new ResourceRepository(scope);
  const appointments = new AppointmentRepository(scope);
  const loaders = createLoaders({ services, resources, appointments }, now());
  return {
    ...base,
    booking: {
      catalog: new CatalogService(scope, services, loaders),
      schedules: new ScheduleService(scope, resources, services, loaders),
      appointments: new AppointmentService({ scope, appointments, services, resources, loaders, outbox: deps.outbox, now }),
      loaders,
    },
  };
}

/** The tenant-bound part of the context; callers without a tenant never reach a resolver. */
export function bound(context: BookingContext): TenantBound {
  if (!context.booking) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
  return context.booking;
}
