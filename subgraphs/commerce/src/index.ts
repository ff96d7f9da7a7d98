import { defineModule } from '@tessera/service-kit';
import { commerceTenant, type TenantBound } from './context.js';
import { createCommerceDb, type CommerceDb, type CommerceTx } from './db.js';
import { commerceConsumers } from './events/consumers.js';
import { resolvers } from './resolvers/index.js';
import { permissions } from './permissions.js';

export { createCommerceDb, type CommerceDb, type CommerceDbOptions, type CommerceTx } from './db.js';
export type { CommerceContext } from './context.js';
export { commerceConsumers, type CommerceConsumerDeps } from './events/consumers.js';

/** Commerce: products, variants, prices, stock per location and orders; POS sales take stock out. */
export default defineModule<CommerceDb, CommerceTx, TenantBound>({
  manifest: new URL('../module.json', import.meta.url),
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  permissions,
  db: createCommerceDb,
  tenant: commerceTenant,
  consumers: ({ outbox }) => commerceConsumers({ outbox }),
});
