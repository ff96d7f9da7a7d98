import type { Outbox } from '@tessera/events';
import { TenantScope } from '@tessera/prisma';
import { ErrorCode, TesseraError, type RequestContext } from '@tessera/service-kit';
import type { FleetDb, FleetTx } from './db.js';
import { createLoaders, type FleetLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { FleetEvents } from './services/events.js';
import { LogService } from './services/log-service.js';
import { ReminderService } from './services/reminder-service.js';
import { VehicleService } from './services/vehicle-service.js';

/** Per-request services and loaders of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  vehicles: VehicleService;
  logs: LogService;
  reminders: ReminderService;
  loaders: FleetLoaders;
}

export interface FleetContext extends RequestContext {
  /** null for a signed context without a tenant: the subgraph refuses such callers every field. */
  fleet: TenantBound | null;
}

export interface FleetDeps {
  db: FleetDb;
  /** Fleet's outbox (`new Outbox('fleet', namespace)`): vehicle, trip and cost events. */
  outbox: Outbox;
  /** The clock (tests may fix it); defaults to the system time. */
  now?: () => Date;
}

/** Builds the request context: repositories and services bound to the caller's tenant, fresh DataLoaders. */
export function createFleetContext(deps: FleetDeps, base: RequestContext): FleetContext {
  const { tenantId, currency } = base.caller;
  if (!tenantId) return { ...base, fleet: null };
  const scope = new TenantScope<FleetTx>(deps.db, tenantId);
  const repositories = createRepositories(tenantId);
  const loaders = createLoaders(scope, repositories);
  const events = new FleetEvents(deps.outbox, tenantId);
  const now = deps.now ?? (() => new Date());
  return {
    ...base,
    fleet: {
      vehicles: new VehicleService(scope, repositories, loaders, events, currency, now),
      logs: new LogService(scope, repositories, loaders, events),
      reminders: new ReminderService(scope, repositories, loaders, now),
      loaders,
    },
  };
}

/** The tenant-bound part of the context; callers without a tenant never reach a resolver. */
export function bound(context: FleetContext): TenantBound {
  if (!context.fleet) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
  return context.fleet;
}
