import type { ModuleContext, ModuleDeps, TenantDeps } from '@tessera/service-kit';
import type { IdentityDb, IdentityTx } from './db.js';
import type { IdentityEnv } from './env.js';
import { createLoaders, type IdentityLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { AccountService, type TokenSettings } from './services/account-service.js';
import { PlanService } from './services/plan-service.js';
import { TeamService } from './services/team-service.js';
import { TenantService } from './services/tenant-service.js';

/** Per-request services of an authenticated caller, and the loaders of entity references. */
export interface TenantBound {
  tenantService: TenantService;
  team: TeamService;
  plans: PlanService;
  loaders: IdentityLoaders;
}

/** What any caller may use, with or without a tenant: sign-up and login. */
export interface Public {
  accounts: AccountService;
}

/** Anonymous callers (sign-up, login) have `tenant` null: the subgraph refuses them every other field. */
export type IdentityContext = ModuleContext<TenantBound, Public>;

const tokens = (env: IdentityEnv): TokenSettings => ({
  secret: env.JWT_SECRET,
  ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
  refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
});

/** Sign-up and login, for every caller. */
export function identityPublic(deps: ModuleDeps<IdentityDb, IdentityEnv>): Public {
  return { accounts: new AccountService(deps.db, tokens(deps.env), deps.now) };
}

/** The caller's tenant's services: repositories on the caller's tenant, and loaders. */
export function identityTenant({ db, scope, caller, now }: TenantDeps<IdentityDb, IdentityTx, IdentityEnv>): TenantBound {
  const repositories = createRepositories(caller.tenantId);
  return {
    tenantService: new TenantService(scope, caller, repositories, now),
    plans: new PlanService(scope, caller.userId, repositories, now),
    team: new TeamService(db, scope, caller, repositories, now),
    loaders: createLoaders(scope, repositories),
  };
}

export { bound } from '@tessera/service-kit';
