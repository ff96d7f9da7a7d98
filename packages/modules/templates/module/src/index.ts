import { defineModule } from '@tessera/service-kit';
import { __module__Tenant, type TenantBound } from './context.js';
import { create__Module__Db, type __Module__Db, type __Module__Tx } from './db.js';
import { __module__Consumers } from './events/consumers.js';
import { __module__Contracts } from './events/contracts.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';

export { create__Module__Db, type __Module__Db, type __Module__Tx } from './db.js';
export type { __Module__Context } from './context.js';

/** __Title__: the tenant's items. It records `__module__.item.created` and confirms each item when that event comes back. */
export default defineModule<__Module__Db, __Module__Tx, TenantBound>({
  manifest: new URL('../module.json', import.meta.url),
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  permissions,
  db: create__Module__Db,
  tenant: __module__Tenant,
  events: __module__Contracts,
  consumers: ({ outbox }) => __module__Consumers({ outbox }),
});
