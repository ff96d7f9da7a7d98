// Fleet publishes its events (vehicles, trips, costs) and consumes none.
// Tracing is set up before anything that it instruments is loaded, hence the dynamic imports.
import { startTracing } from '@tessera/service-kit/tracing';

await startTracing({ service: 'fleet' });
const { runModuleService } = await import('@tessera/service-kit');
const { fleetEnvSchema } = await import('./env.js');
const { createFleetDb, createFleetSubgraph } = await import('./index.js');

await runModuleService({
  name: 'fleet',
  env: fleetEnvSchema,
  port: (env) => env.FLEET_PORT,
  db: (env) => createFleetDb({ poolMax: env.DB_POOL_MAX }),
  subgraph: ({ db, outbox, secret, logger, probes, introspection }) =>
    createFleetSubgraph({ db, outbox, secret, logger, probes, introspection }),
});
