import { advisoryLock } from '@tessera/prisma';
import { listCountWhere, listFindArgs, type ListWindow, type Page } from '@tessera/service-kit';
import type { DocumentKind, InvoiceState, Prisma } from '../generated/prisma/client.js';
import type { InvoicingTx } from '../db.js';
import type { InvoiceRecord, InvoiceStatus } from '../domain/invoice.js';
import type { PricedLine } from '../domain/lines.js';
import type { DocumentTotals } from '../domain/totals.js';

/** Which invoices a list shows; statuses may include the derived OVERDUE. */
export interface InvoiceCriteria {
  statuses?: readonly InvoiceStatus[] | null;
  contactId?: string | null;
  dealId?: string | null;
}

/** One contact's open amounts in one currency (SENT and PARTIALLY_PAID invoices, overdue included). */
export interface OpenAmounts {
  contactId: string;
  currency: string;
  total: Prisma.Decimal;
  amountPaid: Prisma.Decimal;
  amountCredited: Prisma.Decimal;
}

export interface NewDocument {
  kind: DocumentKind;
  status: InvoiceState;
  number?: string | null;
  contactId: string;
  dealId?: string | null;
  currency: string;
  dueDate?: Date | null;
  issuedAt?: Date | null;
  creditedInvoiceId?: string | null;
  reason?: string | null;
  /** An appointment or order whose event raised the invoice. */
  sourceKind?: 'APPOINTMENT' | 'ORDER' | null;
  sourceId?: string | null;
}

/** The stored figures of a document, as strings for exact numeric storage. */
function totalsData(totals: DocumentTotals) {
  return { subtotal: totals.subtotal.toFixed(), taxTotal: totals.taxTotal.toFixed(), total: totals.total.toFixed() };
}

/**
 * SQL access to invoices and credit notes (one table, told apart by `kind`): SQL only, in the
 * caller's transaction. Every query filters `tenantId` explicitly (row-level security is the second lock).
 */
export class InvoiceRepository {
  constructor(private readonly tenantId: string) {}

  /** The API statuses as a WHERE clause: OVERDUE = SENT/PARTIALLY_PAID due before `today`. */
  private statusWhere(statuses: readonly InvoiceStatus[], today: Date): Prisma.InvoiceWhereInput {
    const notPastDue: Prisma.InvoiceWhereInput = { OR: [{ dueDate: null }, { dueDate: { gte: today } }] };
    return {
      OR: [...new Set(statuses)].map((status): Prisma.InvoiceWhereInput => {
        switch (status) {
          case 'OVERDUE':
            return { status: { in: ['SENT', 'PARTIALLY_PAID'] }, dueDate: { lt: today } };
          case 'SENT':
          case 'PARTIALLY_PAID':
            return { status, ...notPastDue };
          default:
            return { status };
        }
      }),
    };
  }

  private where(criteria: InvoiceCriteria, today: Date): Prisma.InvoiceWhereInput {
    return {
      tenantId: this.tenantId,
      kind: 'INVOICE',
      ...(criteria.contactId ? { contactId: criteria.contactId } : {}),
      ...(criteria.dealId ? { dealId: criteria.dealId } : {}),
      ...(criteria.statuses?.length ? this.statusWhere(criteria.statuses, today) : {}),
    };
  }

  /** Documents of one kind by id (batched entity references). */
  findByIds(tx: InvoicingTx, ids: string[], kind: DocumentKind): Promise<InvoiceRecord[]> {
    return tx.invoice.findMany({ where: { tenantId: this.tenantId, kind, id: { in: ids } } });
  }

  /** One page of invoices in id order after `afterId` (or a window of changes), plus how many match overall. */
  async page(tx: InvoicingTx, criteria: InvoiceCriteria, window: ListWindow, today: Date): Promise<Page<InvoiceRecord>> {
    const where = this.where(criteria, today);
    const rows = await tx.invoice.findMany(listFindArgs(where, window));
    const totalCount = await tx.invoice.count({ where: listCountWhere(where, window) });
    return { rows, totalCount };
  }

  /** Invoices of many contacts in one query, newest first. */
  findByContactIds(
    tx: InvoicingTx,
    contactIds: string[],
    statuses: readonly InvoiceStatus[] | null,
    today: Date,
  ): Promise<InvoiceRecord[]> {
    return tx.invoice.findMany({
      where: { ...this.where({ statuses }, today), contactId: { in: contactIds } },
      orderBy: { id: 'desc' },
    });
  }

  /**
   * Serialises the invoicing of one deal, appointment or order (held until `tx` ends): two deliveries
   * of the same source in parallel cannot both find it uninvoiced.
   */
  lockSource(tx: InvoicingTx, source: string): Promise<void> {
    return advisoryLock(tx, `invoice-of:${this.tenantId}:${source}`);
  }

  /** The invoice raised for an appointment or an order (any status), if there is one. */
  findInvoiceOfSource(tx: InvoicingTx, sourceKind: 'APPOINTMENT' | 'ORDER', sourceId: string): Promise<InvoiceRecord | null> {
    return tx.invoice.findFirst({ where: { tenantId: this.tenantId, sourceKind, sourceId } });
  }

  /** The invoice raised for a deal (any status), if there is one. */
  findInvoiceOfDeal(tx: InvoicingTx, dealId: string): Promise<InvoiceRecord | null> {
    return tx.invoice.findFirst({ where: { tenantId: this.tenantId, kind: 'INVOICE', dealId } });
  }

  /** The non-void invoices of many deals in one query, newest first. */
  findByDealIds(tx: InvoicingTx, dealIds: string[]): Promise<InvoiceRecord[]> {
    return tx.invoice.findMany({
      where: { tenantId: this.tenantId, kind: 'INVOICE', dealId: { in: dealIds }, status: { not: 'VOID' } },
      orderBy: { id: 'desc' },
    });
  }

  /** The credit notes of many invoices in one query, oldest first. */
  findCreditNotesByInvoiceIds(tx: InvoicingTx, invoiceIds: string[]): Promise<InvoiceRecord[]> {
    return tx.invoice.findMany({
      where: { tenantId: this.tenantId, kind: 'CREDIT_NOTE', creditedInvoiceId: { in: invoiceIds } },
      orderBy: { id: 'asc' },
    });
  }

  /** Sums of the open invoices of many contacts, per contact and currency, in one query. */
  async openAmountsByContactIds(tx: InvoicingTx, contactIds: string[]): Promise<OpenAmounts[]> {
    const groups = await tx.invoice.groupBy({
      by: ['contactId', 'currency'],
      where: { tenantId: this.tenantId, kind: 'INVOICE', status: { in: ['SENT', 'PARTIALLY_PAID'] }, contactId: { in: contactIds } },
      _sum: { total: true, amountPaid: true, amountCredited: true },
    });
    return groups.map((group) => ({
      contactId: group.contactId,
      currency: group.currency,
      total: group._sum.total!,
      amountPaid: group._sum.amountPaid!,
      amountCredited: group._sum.amountCredited!,
    }));
  }

  /**
   * Locks one document row (SELECT ... FOR UPDATE) for the rest of `tx` and returns it: concurrent
   * state changes of the same document queue behind each other.
   */
  async lock(tx: InvoicingTx, id: string, kind: DocumentKind): Promise<InvoiceRecord | null> {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM invoices WHERE tenant_id = ${this.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    if (locked.length === 0) return null;
    return tx.invoice.findFirst({ where: { tenantId: this.tenantId, id, kind } });
  }

  /** Inserts a document with its lines and totals. */
  async create(tx: InvoicingTx, document: NewDocument, lines: readonly PricedLine[], totals: DocumentTotals): Promise<InvoiceRecord> {
    const created = await tx.invoice.create({ data: { ...document, tenantId: this.tenantId, ...totalsData(totals) } });
    await this.insertLines(tx, created.id, lines);
    return created;
  }

  /** Replaces a draft's lines (and totals) and/or due date. */
  async replaceDraft(
    tx: InvoicingTx,
    id: string,
    change: { dueDate?: Date | null; lines?: { lines: readonly PricedLine[]; totals: DocumentTotals } },
  ): Promise<InvoiceRecord> {
    if (change.lines) {
      await tx.invoiceLine.deleteMany({ where: { tenantId: this.tenantId, invoiceId: id } });
      await this.insertLines(tx, id, change.lines.lines);
    }
    return tx.invoice.update({
      where: { tenantId_id: { tenantId: this.tenantId, id } },
      data: {
        ...(change.dueDate !== undefined ? { dueDate: change.dueDate } : {}),
        ...(change.lines ? totalsData(change.lines.totals) : {}),
      },
    });
  }

  /** Changes a document's state and figures. */
  update(
    tx: InvoicingTx,
    id: string,
    data: Pick<Prisma.InvoiceUncheckedUpdateInput, 'status' | 'number' | 'issuedAt' | 'dueDate' | 'paidAt' | 'voidedAt'> & {
      amountPaid?: string;
      amountCredited?: string;
    },
  ): Promise<InvoiceRecord> {
    return tx.invoice.update({ where: { tenantId_id: { tenantId: this.tenantId, id } }, data });
  }

  private async insertLines(tx: InvoicingTx, invoiceId: string, lines: readonly PricedLine[]): Promise<void> {
    await tx.invoiceLine.createMany({
      data: lines.map((line) => ({
        tenantId: this.tenantId,
        invoiceId,
        position: line.position,
        description: line.description,
        quantity: line.quantity.toFixed(),
        unitPrice: line.unitPrice.toFixed(),
        taxRate: line.taxRate.toFixed(),
        net: line.net.toFixed(),
        tax: line.tax.toFixed(),
      })),
    });
  }
}
