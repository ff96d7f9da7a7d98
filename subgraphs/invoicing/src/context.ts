import { utcDay, type ModuleContext, type TenantDeps } from '@tessera/service-kit';
import type { InvoicingDb, InvoicingTx } from './db.js';
import { InvoicingEvents } from './events/invoicing-events.js';
import { createLoaders, type InvoicingLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { InvoiceQueries } from './services/invoice-queries.js';
import { InvoiceService } from './services/invoice-service.js';

/** Per-request services of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  invoiceService: InvoiceService;
  queries: InvoiceQueries;
  loaders: InvoicingLoaders;
  /** The request's calendar day (UTC): what OVERDUE is measured against. */
  today: Date;
}

export type InvoicingContext = ModuleContext<TenantBound>;

/** Builds the request context: repositories and services bound to the caller's tenant, fresh DataLoaders. */
export function invoicingTenant({ scope, caller, outbox, now, references }: TenantDeps<InvoicingDb, InvoicingTx, unknown>): TenantBound {
  const today = utcDay(now());
  const repositories = createRepositories(caller.tenantId);
  const loaders = createLoaders(scope, repositories, today);
  return {
    invoiceService: new InvoiceService(scope, repositories, now, new InvoicingEvents(outbox, caller.tenantId), references),
    queries: new InvoiceQueries(scope, repositories, loaders, today, caller.currency),
    loaders,
    today,
  };
}

export { bound } from '@tessera/service-kit';
