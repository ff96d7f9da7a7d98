// Invoicing invoices won deals, completed appointments and placed orders (its consumers) and publishes its own events.
// Tracing is set up before anything that it instruments is loaded, hence the dynamic imports.
import { startTracing } from '@tessera/service-kit/tracing';

await startTracing({ service: 'invoicing' });
const { runModuleService } = await import('@tessera/service-kit');
const { invoicingEnvSchema } = await import('./env.js');
const { createInvoicingDb, createInvoicingSubgraph, invoicingConsumers } = await import('./index.js');

await runModuleService({
  name: 'invoicing',
  env: invoicingEnvSchema,
  port: (env) => env.INVOICING_PORT,
  db: (env) => createInvoicingDb({ poolMax: env.DB_POOL_MAX }),
  subgraph: ({ db, outbox, secret, logger, probes, introspection }) =>
    createInvoicingSubgraph({ db, outbox, secret, logger, probes, introspection }),
  consumers: ({ db, outbox }) => invoicingConsumers({ db, outbox }),
});
