import DataLoader from 'dataloader';
import type { ModuleContext, ModuleDeps, TenantDeps } from '@tessera/service-kit';
import type { Tenant, User } from './generated/prisma/client.js';
import type { IdentityDb, IdentityTx } from './db.js';
import { TenantRepository } from './repositories/tenant-repository.js';
import { UserRepository } from './repositories/user-repository.js';
import { AccountService, type TokenSettings } from './services/account-service.js';
import type { IdentityEnv } from './env.js';
import { TenantService } from './services/tenant-service.js';

/** Per-request services of an authenticated caller. */
export interface TenantBound {
  tenantService: TenantService;
  userById: DataLoader<string, User | null>;
  tenantById: DataLoader<string, Tenant | null>;
}

/** What any caller may use, with or without a tenant: sign-up and login. */
export interface Public {
  accounts: AccountService;
}

/** Anonymous callers (sign-up, login) have `tenant` null: the subgraph refuses them every other field. */
export type IdentityContext = ModuleContext<TenantBound, Public>;

function byId<T extends { id: string }>(rows: T[], ids: readonly string[]): (T | null)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id) ?? null);
}

const tokens = (env: IdentityEnv): TokenSettings => ({ secret: env.JWT_SECRET, ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS });

/** Sign-up and login, for every caller. */
export function identityPublic(deps: ModuleDeps<IdentityDb, IdentityEnv>): Public {
  return { accounts: new AccountService(deps.db, tokens(deps.env)) };
}

/** The caller's tenant's services, and DataLoaders for entity references. */
export function identityTenant({ scope, caller }: TenantDeps<IdentityDb, IdentityTx, IdentityEnv>): TenantBound {
  const tenants = new TenantRepository(scope);
  const users = new UserRepository(scope);
  return {
    tenantService: new TenantService(caller, tenants, users),
    userById: new DataLoader(async (ids) => byId(await users.findByIds(ids), ids)),
    tenantById: new DataLoader(async (ids) => byId(await tenants.findByIds(ids), ids)),
  };
}

export { bound } from '@tessera/service-kit';
