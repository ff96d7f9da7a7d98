import { defineModule } from '@tessera/service-kit';
import { fleetTenant, type TenantBound } from './context.js';
import { createFleetDb, type FleetDb, type FleetTx } from './db.js';
import { resolvers } from './resolvers/index.js';
import { permissions } from './permissions.js';

export { createFleetDb, type FleetDb, type FleetDbOptions, type FleetTx } from './db.js';
export type { FleetContext } from './context.js';

/** Fleet: vehicles, drivers, trips, fuel and maintenance. It publishes its events and consumes none. */
export default defineModule<FleetDb, FleetTx, TenantBound>({
  manifest: new URL('../module.json', import.meta.url),
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  permissions,
  db: createFleetDb,
  tenant: fleetTenant,
});
