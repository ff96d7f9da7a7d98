import { defineModule } from '@tessera/service-kit';
import { identityPublic, identityTenant, type Public, type TenantBound } from './context.js';
import { createIdentityDb, type IdentityDb, type IdentityTx } from './db.js';
import { identityEnv, type IdentityEnv } from './env.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';

export { createIdentityDb, type IdentityDb, type IdentityTx } from './db.js';
export type { IdentityContext } from './context.js';

/** Identity: tenants, users and sign-in. Every tenant has it; it has no events. */
export default defineModule<IdentityDb, IdentityTx, TenantBound, Public, IdentityEnv>({
  manifest: new URL('../module.json', import.meta.url),
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  permissions,
  db: createIdentityDb,
  tenant: identityTenant,
  public: identityPublic,
  env: identityEnv,
  anonymousFields: ['signUp', 'login', 'acceptInvitation', 'refreshSession', 'apiKeyAccess'],
  secrets: ['JWT_SECRET'],
});
