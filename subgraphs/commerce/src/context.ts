import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { CommerceDb, CommerceTx } from './db.js';
import { createLoaders, type CommerceLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { CatalogService } from './services/catalog-service.js';
import { CommerceEvents } from './events/commerce-events.js';
import { OrderService } from './services/order-service.js';
import { StockService } from './services/stock-service.js';

/** Per-request services and loaders of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  catalog: CatalogService;
  stock: StockService;
  orders: OrderService;
  loaders: CommerceLoaders;
}

export type CommerceContext = ModuleContext<TenantBound>;

/** Builds the request context: repositories and services bound to the caller's tenant, fresh DataLoaders. */
export function commerceTenant(deps: TenantDeps<CommerceDb, CommerceTx, unknown>): TenantBound {
  const { tenantId } = deps.caller;
  const scope = deps.scope;
  const repositories = createRepositories(tenantId);
  const loaders = createLoaders(scope, repositories);
  const events = new CommerceEvents(deps.outbox, tenantId);
  return {
    catalog: new CatalogService(scope, repositories, loaders, events),
    stock: new StockService(scope, repositories, loaders, events),
    orders: new OrderService(scope, repositories, loaders, events, deps.now, deps.references),
    loaders,
  };
}

export { bound } from '@tessera/service-kit';
