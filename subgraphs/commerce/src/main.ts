// Commerce publishes its order and stock events and takes POS sales out of stock.
// Tracing is set up before anything that it instruments is loaded, hence the dynamic imports.
import { startTracing } from '@tessera/service-kit/tracing';

await startTracing({ service: 'commerce' });
const { runModuleService } = await import('@tessera/service-kit');
const { commerceEnvSchema } = await import('./env.js');
const { commerceConsumers, createCommerceDb, createCommerceSubgraph } = await import('./index.js');

await runModuleService({
  name: 'commerce',
  env: commerceEnvSchema,
  port: (env) => env.COMMERCE_PORT,
  db: (env) => createCommerceDb({ poolMax: env.DB_POOL_MAX }),
  subgraph: ({ db, outbox, secret, logger, probes, introspection }) =>
    createCommerceSubgraph({ db, outbox, secret, logger, probes, introspection }),
  consumers: ({ outbox }) => commerceConsumers({ outbox }),
});
