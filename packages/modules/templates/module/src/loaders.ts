import type DataLoader from 'dataloader';
import { tenantLoaders, type LoaderScope } from '@tessera/service-kit';
import type { __Module__Tx } from './db.js';
import type { __Entity__ } from './generated/prisma/client.js';
import type { Repositories } from './repositories/index.js';

/** The request's DataLoaders: one SQL statement per plan step, however many references ask. */
export interface __Module__Loaders {
  itemById: DataLoader<string, __Entity__ | null>;
}

export function createLoaders(scope: LoaderScope<__Module__Tx>, repositories: Repositories): __Module__Loaders {
  const load = tenantLoaders(scope);
  return { itemById: load.byId((tx, ids) => repositories.items.findByIds(tx, ids)) };
}
