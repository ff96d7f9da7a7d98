import type DataLoader from 'dataloader';
import { tenantLoaders, type LoaderScope } from '@tessera/service-kit';
import type { IdentityTx } from './db.js';
import type { Tenant, User } from './generated/prisma/client.js';
import type { Repositories } from './repositories/index.js';

/** The request's DataLoaders for entity references: one SQL statement per plan step; malformed ids never reach SQL. */
export interface IdentityLoaders {
  userById: DataLoader<string, User | null>;
  tenantById: DataLoader<string, Tenant | null>;
}

export function createLoaders(scope: LoaderScope<IdentityTx>, { users, tenants }: Repositories): IdentityLoaders {
  const load = tenantLoaders(scope);
  return {
    userById: load.byId((tx, ids) => users.findByIds(tx, ids)),
    tenantById: load.byId((tx, ids) => tenants.findByIds(tx, ids)),
  };
}
