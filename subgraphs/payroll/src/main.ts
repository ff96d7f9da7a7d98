// Payroll consumes HR's, CRM's and invoicing's events and publishes its own (commissions, pay runs).
// Tracing is set up before anything that it instruments is loaded, hence the dynamic imports.
import { startTracing } from '@tessera/service-kit/tracing';

await startTracing({ service: 'payroll' });
const { runModuleService } = await import('@tessera/service-kit');
const { payrollEnvSchema } = await import('./env.js');
const { createPayrollDb, createPayrollSubgraph, payrollConsumers } = await import('./index.js');

await runModuleService({
  name: 'payroll',
  env: payrollEnvSchema,
  port: (env) => env.PAYROLL_PORT,
  db: (env) => createPayrollDb({ poolMax: env.DB_POOL_MAX }),
  subgraph: ({ db, outbox, secret, logger, probes, introspection }) =>
    createPayrollSubgraph({ db, outbox, secret, logger, probes, introspection }),
  consumers: ({ outbox }) => payrollConsumers({ outbox }),
});
