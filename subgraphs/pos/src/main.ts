// POS publishes its events (sales, sessions) and consumes none.
// Tracing is set up before anything that it instruments is loaded, hence the dynamic imports.
import { startTracing } from '@tessera/service-kit/tracing';

await startTracing({ service: 'pos' });
const { runModuleService } = await import('@tessera/service-kit');
const { posEnvSchema } = await import('./env.js');
const { createPosDb, createPosSubgraph } = await import('./index.js');

await runModuleService({
  name: 'pos',
  env: posEnvSchema,
  port: (env) => env.POS_PORT,
  db: (env) => createPosDb({ poolMax: env.DB_POOL_MAX }),
  subgraph: ({ db, outbox, secret, logger, probes, introspection }) =>
    createPosSubgraph({ db, outbox, secret, logger, probes, introspection }),
});
