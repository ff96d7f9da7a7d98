import DataLoader from 'dataloader';
import { Decimal, distinctUuids, manyByKey, oneByKey } from '@tessera/service-kit';
import type { InvoiceLine, Payment } from './generated/prisma/client.js';
import type { CreditNoteRecord, InvoiceRecord, InvoiceStatus } from './domain/invoice.js';
import { toDecimal } from './domain/money.js';
import type { InvoiceRepository } from './repositories/invoice-repository.js';
import type { InvoiceLineRepository } from './repositories/invoice-line-repository.js';
import type { PaymentRepository } from './repositories/payment-repository.js';

/** Open amount per currency of one contact. */
export type Balances = Map<string, Decimal>;

/**
 * The request's DataLoaders: every entity reference and every list-per-parent field is one SQL
 * query per plan step, whatever the number of parents.
 */
export interface InvoicingLoaders {
  invoiceById: DataLoader<string, InvoiceRecord | null>;
  creditNoteById: DataLoader<string, CreditNoteRecord | null>;
  linesByDocumentId: DataLoader<string, InvoiceLine[]>;
  paymentsByInvoiceId: DataLoader<string, Payment[]>;
  creditNotesByInvoiceId: DataLoader<string, CreditNoteRecord[]>;
  invoiceByDealId: DataLoader<string, InvoiceRecord | null>;
  balancesByContactId: DataLoader<string, Balances>;
  /** One loader per distinct status filter (all of a plan step's contacts share one filter). */
  invoicesByContactId(statuses: readonly InvoiceStatus[] | null | undefined): DataLoader<string, InvoiceRecord[]>;
}

export interface LoaderSources {
  invoices: InvoiceRepository;
  lines: InvoiceLineRepository;
  payments: PaymentRepository;
  today: Date;
}

const OPTIONS = { maxBatchSize: 1000 } as const;

export function createLoaders({ invoices, lines, payments, today }: LoaderSources): InvoicingLoaders {
  const byContact = new Map<string, DataLoader<string, InvoiceRecord[]>>();
  return {
    invoiceById: new DataLoader(
      async (ids) => oneByKey(ids, await invoices.findByIds(distinctUuids(ids), 'INVOICE'), (row) => row.id),
      OPTIONS,
    ),
    creditNoteById: new DataLoader(
      async (ids) => oneByKey(ids, await invoices.findByIds(distinctUuids(ids), 'CREDIT_NOTE'), (row) => row.id),
      OPTIONS,
    ),
    linesByDocumentId: new DataLoader(
      async (ids) => manyByKey(ids, await lines.findByDocumentIds(distinctUuids(ids)), (row) => row.invoiceId),
      OPTIONS,
    ),
    paymentsByInvoiceId: new DataLoader(
      async (ids) => manyByKey(ids, await payments.findByInvoiceIds(distinctUuids(ids)), (row) => row.invoiceId),
      OPTIONS,
    ),
    creditNotesByInvoiceId: new DataLoader(
      async (ids) => manyByKey(ids, await invoices.findCreditNotesByInvoiceIds(distinctUuids(ids)), (row) => row.creditedInvoiceId ?? ''),
      OPTIONS,
    ),
    // rows come newest first: the first one per deal is its latest non-void invoice
    invoiceByDealId: new DataLoader(
      async (ids) => oneByKey(ids, await invoices.findByDealIds(distinctUuids(ids)), (row) => row.dealId ?? ''),
      OPTIONS,
    ),
    balancesByContactId: new DataLoader(async (ids) => {
      const sums = await invoices.openAmountsByContactIds(distinctUuids(ids));
      return manyByKey(ids, sums, (sum) => sum.contactId).map(
        (groups) =>
          new Map(
            groups.map((group) => [
              group.currency,
              toDecimal(group.total).minus(toDecimal(group.amountPaid)).minus(toDecimal(group.amountCredited)),
            ]),
          ),
      );
    }, OPTIONS),
    invoicesByContactId(statuses) {
      const filter = statuses?.length ? [...new Set(statuses)].sort() : null;
      const key = filter ? filter.join(',') : '*';
      let loader = byContact.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (ids) => manyByKey(ids, await invoices.findByContactIds(distinctUuids(ids), filter, today), (row) => row.contactId),
          OPTIONS,
        );
        byContact.set(key, loader);
      }
      return loader;
    },
  };
}
