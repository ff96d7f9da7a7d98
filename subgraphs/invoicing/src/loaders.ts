import DataLoader from 'dataloader';
import { Decimal } from '@tessera/service-kit';
import type { InvoiceLine, Payment } from './generated/prisma/client.js';
import type { CreditNoteRecord, InvoiceRecord, InvoiceStatus } from './domain/invoice.js';
import { toDecimal } from './domain/money.js';
import type { InvoiceRepository } from './repositories/invoice-repository.js';
import type { InvoiceLineRepository } from './repositories/invoice-line-repository.js';
import type { PaymentRepository } from './repositories/payment-repository.js';
import { isUuid } from '@tessera/service-kit';

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

/** Keeps only well-formed ids: anything else cannot exist and must not reach a uuid column. */
const validIds = (ids: readonly string[]) => [...new Set(ids.filter(isUuid))];

function one<T>(ids: readonly string[], rows: T[], key: (row: T) => string): (T | null)[] {
  const map = new Map<string, T>();
  for (const row of rows) if (!map.has(key(row))) map.set(key(row), row);
  return ids.map((id) => map.get(id) ?? null);
}

function many<T>(ids: readonly string[], rows: T[], key: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return ids.map((id) => map.get(id) ?? []);
}

export function createLoaders({ invoices, lines, payments, today }: LoaderSources): InvoicingLoaders {
  const byContact = new Map<string, DataLoader<string, InvoiceRecord[]>>();
  return {
    invoiceById: new DataLoader(async (ids) => one(ids, await invoices.findByIds(validIds(ids), 'INVOICE'), (row) => row.id), OPTIONS),
    creditNoteById: new DataLoader(
      async (ids) => one(ids, await invoices.findByIds(validIds(ids), 'CREDIT_NOTE'), (row) => row.id),
      OPTIONS,
    ),
    linesByDocumentId: new DataLoader(
      async (ids) => many(ids, await lines.findByDocumentIds(validIds(ids)), (row) => row.invoiceId),
      OPTIONS,
    ),
    paymentsByInvoiceId: new DataLoader(
      async (ids) => many(ids, await payments.findByInvoiceIds(validIds(ids)), (row) => row.invoiceId),
      OPTIONS,
    ),
    creditNotesByInvoiceId: new DataLoader(
      async (ids) => many(ids, await invoices.findCreditNotesByInvoiceIds(validIds(ids)), (row) => row.creditedInvoiceId ?? ''),
      OPTIONS,
    ),
    // rows come newest first: the first one per deal is its latest non-void invoice
    invoiceByDealId: new DataLoader(
      async (ids) => one(ids, await invoices.findByDealIds(validIds(ids)), (row) => row.dealId ?? ''),
      OPTIONS,
    ),
    balancesByContactId: new DataLoader(async (ids) => {
      const sums = await invoices.openAmountsByContactIds(validIds(ids));
      return many(ids, sums, (sum) => sum.contactId).map(
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
          async (ids) => many(ids, await invoices.findByContactIds(validIds(ids), filter, today), (row) => row.contactId),
          OPTIONS,
        );
        byContact.set(key, loader);
      }
      return loader;
    },
  };
}
