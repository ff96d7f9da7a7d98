import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { FleetDb, FleetTx } from './db.js';
import { createLoaders, type FleetLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { FleetEvents } from './events/fleet-events.js';
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

export type FleetContext = ModuleContext<TenantBound>;

/** Builds the request context: repositories and services bound to the caller's tenant, fresh DataLoaders. */
export function fleetTenant(deps: TenantDeps<FleetDb, FleetTx, unknown>): TenantBound {
  const { tenantId, currency } = deps.caller;
  const scope = deps.scope;
  const repositories = createRepositories(tenantId);
  const loaders = createLoaders(scope, repositories);
  const events = new FleetEvents(deps.outbox, tenantId);
  const now = deps.now;
  return {
    vehicles: new VehicleService(scope, repositories, loaders, events, currency, now, deps.references),
    logs: new LogService(scope, repositories, loaders, events),
    reminders: new ReminderService(scope, repositories, loaders, now),
    loaders,
  };
}

export { bound } from '@tessera/service-kit';
