import { minorUnits, type Decimal } from '@tessera/service-kit';
import type { EventData, Outbox } from '@tessera/events';
import type { InvoicingTx } from '../db.js';
import type { CreditNoteRecord, InvoiceRecord } from '../domain/invoice.js';
import { toDecimal } from '../domain/money.js';
import { amountDue } from '../domain/totals.js';

type InvoiceFacts = EventData<'invoicing.invoice.created'>;
type InvoiceEventType = 'invoicing.invoice.created' | 'invoicing.invoice.updated' | 'invoicing.invoice.sent' | 'invoicing.invoice.voided';

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** An invoice as its events describe it. */
export function invoiceFacts(invoice: InvoiceRecord): InvoiceFacts {
  const money = (amount: Decimal.Value) => ({
    amount: toDecimal(amount).toFixed(minorUnits(invoice.currency)),
    currency: invoice.currency,
  });
  return {
    contactId: invoice.contactId,
    dealId: invoice.dealId,
    number: invoice.number,
    status: invoice.status,
    total: money(invoice.total),
    amountPaid: money(invoice.amountPaid),
    amountDue: money(amountDue(invoice)),
    issuedAt: invoice.issuedAt?.toISOString() ?? null,
    dueDate: day(invoice.dueDate),
  };
}

/** Invoicing's domain events, recorded in the outbox inside the transaction of the change. */
export class InvoicingEvents {
  constructor(private readonly outbox: Outbox) {}

  invoice(tx: InvoicingTx, type: InvoiceEventType, invoice: InvoiceRecord) {
    return this.outbox.record(tx, { type, tenantId: invoice.tenantId, subjectId: invoice.id, data: invoiceFacts(invoice) });
  }

  /** A payment, and `invoice.paid` too when it settled the invoice. */
  async paymentRecorded(tx: InvoicingTx, invoice: InvoiceRecord, payment: { id: string; amount: Decimal.Value; receivedAt: Date }) {
    const facts = invoiceFacts(invoice);
    await this.outbox.record(tx, {
      type: 'invoicing.invoice.payment_recorded',
      tenantId: invoice.tenantId,
      subjectId: invoice.id,
      data: {
        ...facts,
        paymentId: payment.id,
        payment: { amount: toDecimal(payment.amount).toFixed(minorUnits(invoice.currency)), currency: invoice.currency },
        paidAt: payment.receivedAt.toISOString(),
      },
    });
    if (invoice.status === 'PAID') await this.paid(tx, invoice);
  }

  paid(tx: InvoicingTx, invoice: InvoiceRecord) {
    return this.outbox.record(tx, {
      type: 'invoicing.invoice.paid',
      tenantId: invoice.tenantId,
      subjectId: invoice.id,
      data: { ...invoiceFacts(invoice), paidAt: (invoice.paidAt ?? new Date()).toISOString() },
    });
  }

  creditNoteIssued(tx: InvoicingTx, invoice: InvoiceRecord, creditNote: CreditNoteRecord) {
    return this.outbox.record(tx, {
      type: 'invoicing.credit_note.issued',
      tenantId: creditNote.tenantId,
      subjectId: creditNote.id,
      data: {
        invoiceId: invoice.id,
        contactId: creditNote.contactId,
        number: creditNote.number ?? '',
        total: { amount: toDecimal(creditNote.total).toFixed(minorUnits(creditNote.currency)), currency: creditNote.currency },
        issuedAt: (creditNote.issuedAt ?? new Date()).toISOString(),
      },
    });
  }
}
