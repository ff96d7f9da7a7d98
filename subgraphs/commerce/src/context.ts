import type { Outbox } from '@tessera/events';
import { TenantScope } from '@tessera/prisma';
import { ErrorCode, TesseraError, type RequestContext } from '@tessera/service-kit';
import type { CommerceDb, CommerceTx } from './db.js';
import { createLoaders, type CommerceLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { CatalogService } from './services/catalog-service.js';
import { CommerceEvents } from './services/events.js';
import { OrderService } from './services/order-service.js';
import { StockService } from './services/stock-service.js';

/** Per-request services and loaders of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  catalog: CatalogService;
  stock: StockService;
  orders: OrderService;
  loaders: CommerceLoaders;
}

export interface CommerceContext extends RequestContext {
  /** null for a signed context without a tenant: the subgraph refuses such callers every field. */
  commerce: TenantBound | null;
}

export interface CommerceDeps {
  db: CommerceDb;
  /** Commerce's outbox (`new Outbox('commerce', namespace)`): order and stock events. */
  outbox: Outbox;
  /** The clock (tests may fix it); defaults to the system time. */
  now?: () => Date;
}

/** Builds the request context: repositories and services bound to the caller's tenant, fresh DataLoaders. */
export function createCommerceContext(deps: CommerceDeps, base: RequestContext): CommerceContext {
  const { tenantId } = base.caller;
  if (!tenantId) return { ...base, commerce: null };
  const scope = new TenantScope<CommerceTx>(deps.db, tenantId);
  const repositories = createRepositories(tenantId);
  const loaders = createLoaders(scope, repositories);
  const events = new CommerceEvents(deps.outbox, tenantId);
  return {
    ...base,
    commerce: {
      catalog: new CatalogService(scope, repositories, loaders),
      stock: new StockService(scope, repositories, loaders, events),
      orders: new OrderService(scope, repositories, loaders, events, deps.now ?? (() => new Date())),
      loaders,
    },
  };
}

/** The tenant-bound part of the context; callers without a tenant never reach a resolver. */
export function bound(context: CommerceContext): TenantBound {
  if (!context.commerce) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
  return context.commerce;
}
