import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { InvoicingDb, InvoicingTx } from './db.js';
import { utcDay } from './domain/invoice.js';
import { createLoaders, type InvoicingLoaders } from './loaders.js';
import { InvoiceLineRepository } from './repositories/invoice-line-repository.js';
import { InvoiceRepository } from './repositories/invoice-repository.js';
import { NumberSequenceRepository } from './repositories/number-sequence-repository.js';
import { PaymentRepository } from './repositories/payment-repository.js';
import { InvoiceQueries } from './services/invoice-queries.js';
import { InvoiceService } from './services/invoice-service.js';
import { InvoicingEvents } from './events/invoicing-events.js';

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
export function invoicingTenant(deps: TenantDeps<InvoicingDb, InvoicingTx, unknown>): TenantBound {
  const now = deps.now;
  const today = utcDay(now());
  const scope = deps.scope;
  const invoices = new InvoiceRepository(scope);
  const lines = new InvoiceLineRepository(scope);
  const payments = new PaymentRepository(scope);
  const sequences = new NumberSequenceRepository(scope);
  const loaders = createLoaders({ invoices, lines, payments, today });
  return {
    invoiceService: new InvoiceService(scope, { invoices, lines, payments, sequences }, now, new InvoicingEvents(deps.outbox)),
    queries: new InvoiceQueries(invoices, loaders, today, deps.caller.currency),
    loaders,
    today,
  };
}

export { bound } from '@tessera/service-kit';
