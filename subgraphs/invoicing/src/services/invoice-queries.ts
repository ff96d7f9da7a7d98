import type { TenantScope } from '@tessera/prisma';
import { Decimal, isUuid, listOrChanges, primed, toMoney, type ChangesArgs, type Connection, type Money } from '@tessera/service-kit';
import type { InvoicingTx } from '../db.js';
import type { InvoiceRecord, InvoiceStatus } from '../domain/invoice.js';
import type { InvoicingLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';

export interface InvoiceListFilter {
  status?: readonly InvoiceStatus[] | null;
  contactId?: string | null;
  dealId?: string | null;
}

/** Reads of invoices for the API: lists, per-contact views and balances (through the DataLoaders). */
export class InvoiceQueries {
  constructor(
    private readonly scope: TenantScope<InvoicingTx>,
    private readonly repositories: Repositories,
    private readonly loaders: InvoicingLoaders,
    private readonly today: Date,
    /** The tenant's default currency: what `outstandingBalance` is expressed in. */
    private readonly defaultCurrency: string,
  ) {}

  /** The tenant's invoices, oldest first, as a Relay connection. */
  async list(args: ChangesArgs & { filter?: InvoiceListFilter | null }): Promise<Connection<InvoiceRecord>> {
    const filter = args.filter ?? {};
    // an id that cannot exist matches nothing (and must not reach a uuid column)
    const impossible = [filter.contactId, filter.dealId].some((id) => id != null && !isUuid(id));
    const criteria = { statuses: filter.status ?? null, contactId: filter.contactId ?? null, dealId: filter.dealId ?? null };
    const connection = await listOrChanges(args, this.scope, async (tx, window) =>
      impossible ? { rows: [], totalCount: 0 } : this.repositories.invoices.page(tx, criteria, window, this.today),
    );
    primed(
      this.loaders.invoiceById,
      connection.edges.map((edge) => edge.node),
    );
    return connection;
  }

  contactInvoices(contactId: string, statuses: readonly InvoiceStatus[] | null | undefined): Promise<InvoiceRecord[]> {
    return this.loaders.invoicesByContactId(statuses).load(contactId);
  }

  /** What the contact owes in the tenant's default currency (other currencies are in `outstandingBalances`). */
  async outstandingBalance(contactId: string): Promise<Money> {
    const balances = await this.loaders.balancesByContactId.load(contactId);
    return toMoney(balances.get(this.defaultCurrency) ?? new Decimal(0), this.defaultCurrency);
  }

  /** What the contact owes, one amount per currency with anything open, by currency code. */
  async outstandingBalances(contactId: string): Promise<Money[]> {
    const balances = await this.loaders.balancesByContactId.load(contactId);
    return [...balances.entries()]
      .filter(([, amount]) => amount.greaterThan(0))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amount]) => toMoney(amount, currency));
  }
}
