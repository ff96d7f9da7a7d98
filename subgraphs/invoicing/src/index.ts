import { defineModule } from '@tessera/service-kit';
import { invoicingTenant, type TenantBound } from './context.js';
import { createInvoicingDb, type InvoicingDb, type InvoicingTx } from './db.js';
import { invoicingConsumers } from './events/consumers.js';
import { resolvers } from './resolvers/index.js';
import { permissions } from './permissions.js';

export { createInvoicingDb, type InvoicingDb, type InvoicingDbOptions, type InvoicingTx } from './db.js';
export type { InvoicingContext } from './context.js';
export { invoicingConsumers } from './events/consumers.js';

/** Invoicing: invoices, credit notes and payments; it invoices won deals, completed appointments and placed orders. */
export default defineModule<InvoicingDb, InvoicingTx, TenantBound>({
  manifest: new URL('../module.json', import.meta.url),
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  permissions,
  db: createInvoicingDb,
  tenant: invoicingTenant,
  consumers: ({ outbox }) => invoicingConsumers({ outbox }),
});
