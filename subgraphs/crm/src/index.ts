import { defineModule } from '@tessera/service-kit';
import { crmTenant, type TenantBound } from './context.js';
import { createCrmDb, type CrmDb, type CrmTx } from './db.js';
import { resolvers } from './resolvers/index.js';
import { permissions } from './permissions.js';

export { createCrmDb, type CrmDb, type CrmDbOptions, type CrmTx } from './db.js';
export type { CrmContext } from './context.js';

/** CRM: companies, contacts, deals and their pipeline. It publishes its events and consumes none. */
export default defineModule<CrmDb, CrmTx, TenantBound>({
  manifest: new URL('../module.json', import.meta.url),
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  permissions,
  db: createCrmDb,
  tenant: crmTenant,
});
