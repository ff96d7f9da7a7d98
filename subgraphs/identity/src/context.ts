import DataLoader from 'dataloader';
import { TenantScope } from '@tessera/prisma';
import type { RequestContext } from '@tessera/service-kit';
import type { Tenant, User } from './generated/prisma/client.js';
import type { IdentityDb, IdentityTx } from './db.js';
import { TenantRepository } from './repositories/tenant-repository.js';
import { UserRepository } from './repositories/user-repository.js';
import { AccountService, type TokenSettings } from './services/account-service.js';
import { TenantService } from './services/tenant-service.js';

/** Per-request services of an authenticated caller. */
export interface TenantBound {
  tenantService: TenantService;
  userById: DataLoader<string, User | null>;
  tenantById: DataLoader<string, Tenant | null>;
}

export interface IdentityContext extends RequestContext {
  accounts: AccountService;
  /** null for anonymous callers (sign-up, login): the subgraph refuses them every other field. */
  tenant: TenantBound | null;
}

export interface IdentityDeps {
  db: IdentityDb;
  tokens: TokenSettings;
}

function byId<T extends { id: string }>(rows: T[], ids: readonly string[]): (T | null)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id) ?? null);
}

/** Builds the request context: services bound to the caller's tenant, DataLoaders for entity references. */
export function createIdentityContext(deps: IdentityDeps, base: RequestContext): IdentityContext {
  const accounts = new AccountService(deps.db, deps.tokens);
  const { tenantId } = base.caller;
  if (!tenantId) return { ...base, accounts, tenant: null };
  const scope = new TenantScope<IdentityTx>(deps.db, tenantId);
  const tenants = new TenantRepository(scope);
  const users = new UserRepository(scope);
  return {
    ...base,
    accounts,
    tenant: {
      tenantService: new TenantService({ ...base.caller, tenantId }, tenants, users),
      userById: new DataLoader(async (ids) => byId(await users.findByIds(ids), ids)),
      tenantById: new DataLoader(async (ids) => byId(await tenants.findByIds(ids), ids)),
    },
  };
}

/** The tenant-bound part of the context; anonymous callers never reach a resolver that needs it. */
export function bound(context: IdentityContext): TenantBound {
  if (!context.tenant) throw new Error('tenant context required');
  return context.tenant;
}
