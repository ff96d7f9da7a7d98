import type DataLoader from 'dataloader';
import { perArguments, tenantLoaders, toDecimal, type Decimal, type LoaderScope } from '@tessera/service-kit';
import type { InvoicingTx } from './db.js';
import type { InvoiceLine, Payment } from './generated/prisma/client.js';
import type { CreditNoteRecord, InvoiceRecord, InvoiceStatus } from './domain/invoice.js';
import type { Repositories } from './repositories/index.js';

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

/** The balances of a contact with nothing open. */
const NO_BALANCES: Balances = new Map();

export function createLoaders(scope: LoaderScope<InvoicingTx>, repositories: Repositories, today: Date): InvoicingLoaders {
  const load = tenantLoaders(scope);
  const { invoices, lines, payments } = repositories;
  const byContact = perArguments((filter: InvoiceStatus[] | null) =>
    load.byParent(
      (tx, ids) => invoices.findByContactIds(tx, ids, filter, today),
      (row) => row.contactId,
    ),
  );
  return {
    invoiceById: load.byId((tx, ids) => invoices.findByIds(tx, ids, 'INVOICE')),
    creditNoteById: load.byId((tx, ids) => invoices.findByIds(tx, ids, 'CREDIT_NOTE')),
    linesByDocumentId: load.byParent(
      (tx, ids) => lines.findByDocumentIds(tx, ids),
      (row) => row.invoiceId,
    ),
    paymentsByInvoiceId: load.byParent(
      (tx, ids) => payments.findByInvoiceIds(tx, ids),
      (row) => row.invoiceId,
    ),
    creditNotesByInvoiceId: load.byParent(
      (tx, ids) => invoices.findCreditNotesByInvoiceIds(tx, ids),
      (row) => row.creditedInvoiceId,
    ),
    // rows come newest first: the first one per deal is its latest non-void invoice
    invoiceByDealId: load.byKey(
      (tx, ids) => invoices.findByDealIds(tx, ids),
      (row) => row.dealId ?? '',
    ),
    balancesByContactId: load.values(async (tx, ids) => {
      const balances = new Map<string, Balances>();
      for (const group of await invoices.openAmountsByContactIds(tx, ids)) {
        const open = toDecimal(group.total).minus(toDecimal(group.amountPaid)).minus(toDecimal(group.amountCredited));
        const contact = balances.get(group.contactId) ?? new Map<string, Decimal>();
        balances.set(group.contactId, contact.set(group.currency, open));
      }
      return balances;
    }, NO_BALANCES),
    invoicesByContactId: (statuses) => byContact(statuses?.length ? [...new Set(statuses)].sort() : null),
  };
}
