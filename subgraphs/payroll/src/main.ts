import { createLogger, onShutdown } from '@tessera/service-kit';
import { Outbox, startModuleEvents } from '@tessera/events';
import { loadPayrollEnv } from './env.js';
import { createPayrollDb, createPayrollSubgraph, payrollConsumers } from './index.js';

const env = loadPayrollEnv();
const logger = createLogger('payroll', env.LOG_LEVEL);
const db = createPayrollDb({ poolMax: env.DB_POOL_MAX });
const outbox = new Outbox('payroll', env.EVENTS_NAMESPACE);
const subgraph = createPayrollSubgraph({ db, outbox, secret: env.INTERNAL_CONTEXT_SECRET, logger });
const running = await subgraph.listen(env.PAYROLL_PORT, env.HOST);
// Payroll consumes HR's, CRM's and invoicing's events and publishes its own (commissions, pay runs).
const events = await startModuleEvents({
  module: 'payroll',
  db,
  url: env.NATS_URL,
  namespace: env.EVENTS_NAMESPACE,
  streamMaxBytes: env.EVENTS_STREAM_MAX_BYTES,
  logger,
  consumers: payrollConsumers({ outbox }),
});
onShutdown(logger, async () => {
  await running.stop();
  await events.stop();
});
