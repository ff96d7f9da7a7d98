// CRM publishes deals, contacts and companies; it consumes no other module's events.
// Tracing is set up before anything that it instruments is loaded, hence the dynamic imports.
import { startTracing } from '@tessera/service-kit/tracing';

await startTracing({ service: 'crm' });
const { runModuleService } = await import('@tessera/service-kit');
const { crmEnvSchema } = await import('./env.js');
const { createCrmDb, createCrmSubgraph } = await import('./index.js');

await runModuleService({
  name: 'crm',
  env: crmEnvSchema,
  port: (env) => env.CRM_PORT,
  db: () => createCrmDb(),
  subgraph: ({ db, outbox, secret, logger, probes, introspection }) =>
    createCrmSubgraph({ db, outbox, secret, logger, probes, introspection }),
});
