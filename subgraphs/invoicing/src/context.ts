import { TenantScope } from '@tessera/prisma';
import type { Outbox } from '@tessera/events';
import { ErrorCode, TesseraError, type RequestContext } from '@tessera/service-kit';
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

export interface InvoicingContext extends RequestContext {
  /** null for a signed context without a tenant: the subgraph refuses such callers every field. */
  tenant: TenantBound | null;
}

export interface InvoicingDeps {
  db: InvoicingDb;
  /** Where invoicing records its domain events (published by the relay after commit). */
  outbox: Outbox;
  /** The clock (tests may fix it); defaults to the system time. */
  now?: () => Date;
}

/** Builds the request context: repositories and services bound to the caller's tenant, fresh DataLoaders. */
export function createInvoicingContext(deps: InvoicingDeps, base: RequestContext): InvoicingContext {
  const { tenantId } = base.caller;
  if (!tenantId) return { ...base, tenant: null };
  const now = deps.now ?? (() => new Date());
  const today = utcDay(now());
  const scope = new TenantScope<InvoicingTx>(deps.db, tenantId);
  const invoices = new InvoiceRepository(scope);
  const lines = new InvoiceLineRepository(scope);
  const payments = new PaymentRepository(scope);
  const sequences = new NumberSequenceRepository(scope);
  const loaders = createLoaders({ invoices, lines, payments, today });
  return {
    ...base,
    tenant: {
      invoiceService: new InvoiceService(scope, { invoices, lines, payments, sequences }, now, new InvoicingEvents(deps.outbox)),
      queries: new InvoiceQueries(invoices, loaders, today, base.caller.currency),
      loaders,
      today,
    },
  };
}

/** The tenant-bound part of the context; callers without a tenant never reach a resolver. */
export function bound(context: InvoicingContext): TenantBound {
  if (!context.tenant) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
  return context.tenant;
}
