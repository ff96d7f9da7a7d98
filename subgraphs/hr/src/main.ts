// HR publishes its events and consumes none.
// Tracing is set up before anything that it instruments is loaded, hence the dynamic imports.
import { startTracing } from '@tessera/service-kit/tracing';

await startTracing({ service: 'hr' });
const { runModuleService } = await import('@tessera/service-kit');
const { hrEnvSchema } = await import('./env.js');
const { createHrDb, createHrSubgraph } = await import('./index.js');

await runModuleService({
  name: 'hr',
  env: hrEnvSchema,
  port: (env) => env.HR_PORT,
  db: () => createHrDb(),
  subgraph: ({ db, outbox, secret, logger, probes, introspection }) =>
    createHrSubgraph({ db, outbox, secret, logger, probes, introspection }),
});
