import { defineModule } from '@tessera/service-kit';
import { posTenant, type TenantBound } from './context.js';
import { createPosDb, type PosDb, type PosTx } from './db.js';
import { posConsumers } from './events/consumers.js';
import { resolvers } from './resolvers/index.js';
import { permissions } from './permissions.js';

export { createPosDb, type PosDb, type PosDbOptions, type PosTx } from './db.js';
export type { PosContext } from './context.js';
export { posConsumers } from './events/consumers.js';

/** POS: registers, sessions and sales with receipts and payments, priced from its copy of commerce's catalogue. */
export default defineModule<PosDb, PosTx, TenantBound>({
  manifest: new URL('../module.json', import.meta.url),
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  permissions,
  db: createPosDb,
  tenant: posTenant,
  consumers: () => posConsumers(),
});
