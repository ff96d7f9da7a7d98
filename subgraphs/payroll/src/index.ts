import { defineModule } from '@tessera/service-kit';
import { payrollTenant, type TenantBound } from './context.js';
import { createPayrollDb, type PayrollDb, type PayrollTx } from './db.js';
import { payrollConsumers } from './events/consumers.js';
import { resolvers } from './resolvers/index.js';
import { permissions } from './permissions.js';

export { createPayrollDb, type PayrollDb, type PayrollDbOptions, type PayrollTx } from './db.js';
export type { PayrollContext } from './context.js';
export { payrollConsumers, type PayrollConsumerDeps } from './events/consumers.js';

/** Payroll: pay profiles, commissions and pay runs, from HR's, CRM's and invoicing's events. */
export default defineModule<PayrollDb, PayrollTx, TenantBound>({
  manifest: new URL('../module.json', import.meta.url),
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  permissions,
  db: createPayrollDb,
  tenant: payrollTenant,
  consumers: ({ outbox }) => payrollConsumers({ outbox }),
});
