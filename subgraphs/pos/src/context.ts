import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { PosDb, PosTx } from './db.js';
import { createLoaders, type PosLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { PosEvents } from './events/pos-events.js';
import { RegisterService } from './services/register-service.js';
import { SaleService } from './services/sale-service.js';
import { SessionService } from './services/session-service.js';

/** Per-request services and loaders of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  registers: RegisterService;
  sessions: SessionService;
  sales: SaleService;
  loaders: PosLoaders;
}

export type PosContext = ModuleContext<TenantBound>;

/** Builds the request context: repositories and services bound to the caller's tenant, fresh DataLoaders. */
export function posTenant(deps: TenantDeps<PosDb, PosTx, unknown>): TenantBound {
  const { tenantId } = deps.caller;
  const scope = deps.scope;
  const repositories = createRepositories(tenantId);
  const loaders = createLoaders(scope, repositories);
  const events = new PosEvents(deps.outbox, tenantId);
  const now = deps.now;
  return {
    registers: new RegisterService(scope, repositories, loaders, deps.references),
    sessions: new SessionService(scope, repositories, loaders, events, now),
    sales: new SaleService(scope, repositories, loaders, events, now, deps.caller),
    loaders,
  };
}

export { bound } from '@tessera/service-kit';
