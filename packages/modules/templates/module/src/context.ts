import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { __Module__Db, __Module__Tx } from './db.js';
import { __Module__Events } from './events/__module__-events.js';
import { createLoaders, type __Module__Loaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { ItemService } from './services/item-service.js';

/** A request's services and loaders, bound to the caller's tenant. */
export interface TenantBound {
  items: ItemService;
  loaders: __Module__Loaders;
}

export type __Module__Context = ModuleContext<TenantBound>;

/** Builds the request's services: repositories on the caller's tenant, loaders, the events writer. */
export function __module__Tenant({ scope, caller, outbox }: TenantDeps<__Module__Db, __Module__Tx, unknown>): TenantBound {
  const repositories = createRepositories(caller.tenantId);
  const loaders = createLoaders(scope, repositories);
  return { items: new ItemService(scope, repositories, loaders, new __Module__Events(outbox, caller.tenantId)), loaders };
}

export { bound } from '@tessera/service-kit';
