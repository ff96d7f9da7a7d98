import { defineModule } from '@tessera/service-kit';
import { hrTenant, type TenantBound } from './context.js';
import { createHrDb, type HrDb, type HrTx } from './db.js';
import { resolvers } from './resolvers/index.js';
import { permissions } from './permissions.js';

export { createHrDb, type HrDb, type HrDbOptions, type HrTx } from './db.js';
export type { HrContext } from './context.js';

/** HR: employees, departments and leave. It publishes its events and consumes none. */
export default defineModule<HrDb, HrTx, TenantBound>({
  manifest: new URL('../module.json', import.meta.url),
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  permissions,
  db: createHrDb,
  tenant: hrTenant,
});
