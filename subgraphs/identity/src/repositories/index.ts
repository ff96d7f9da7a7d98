import { PlanChangeRepository, TenantRepository } from './tenant-repository.js';
import { ApiKeyRepository, InvitationRepository } from './team-repository.js';
import { RefreshTokenRepository } from './session-repository.js';
import { UserRepository } from './user-repository.js';

/** Identity's repositories, bound to one tenant (every query also filters by it). */
export function createRepositories(tenantId: string) {
  return {
    tenants: new TenantRepository(tenantId),
    users: new UserRepository(tenantId),
    invitations: new InvitationRepository(tenantId),
    apiKeys: new ApiKeyRepository(tenantId),
    planChanges: new PlanChangeRepository(tenantId),
    refreshTokens: new RefreshTokenRepository(tenantId),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
