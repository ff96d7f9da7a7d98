import { isoDay, toDecimal, toMoney, type DecimalLike } from '@tessera/service-kit';
import type { EventData, EventEnvelope, Outbox, SqlExecutor } from '@tessera/events';
import type { CreditNoteRecord, InvoiceRecord } from '../domain/invoice.js';
import { amountDue } from '../domain/totals.js';

/** The payload of `invoicing.invoice.created`, `.updated`, `.sent` and `.voided`: an invoice as its events describe it. */
export function invoiceFacts(invoice: InvoiceRecord): EventData<'invoicing.invoice.created'> {
  return {
    contactId: invoice.contactId,
    dealId: invoice.dealId,
    number: invoice.number,
    status: invoice.status,
    total: toMoney(invoice.total, invoice.currency),
    amountPaid: toMoney(invoice.amountPaid, invoice.currency),
    amountDue: toMoney(amountDue(invoice), invoice.currency),
    issuedAt: invoice.issuedAt?.toISOString() ?? null,
    dueDate: invoice.dueDate ? isoDay(invoice.dueDate) : null,
  };
}

/** The payload of `invoicing.invoice.payment_recorded`: the invoice after the payment, and the payment. */
export function paymentRecordedData(
  invoice: InvoiceRecord,
  payment: { id: string; amount: DecimalLike; receivedAt: Date },
): EventData<'invoicing.invoice.payment_recorded'> {
  return {
    ...invoiceFacts(invoice),
    paymentId: payment.id,
    payment: toMoney(toDecimal(payment.amount), invoice.currency),
    paidAt: payment.receivedAt.toISOString(),
  };
}

/** The payload of `invoicing.invoice.paid`. */
export function invoicePaidData(invoice: InvoiceRecord, at: Date): EventData<'invoicing.invoice.paid'> {
  return { ...invoiceFacts(invoice), paidAt: (invoice.paidAt ?? at).toISOString() };
}

/** The payload of `invoicing.credit_note.issued`. */
export function creditNoteIssuedData(
  invoice: InvoiceRecord,
  creditNote: CreditNoteRecord,
  at: Date,
): EventData<'invoicing.credit_note.issued'> {
  return {
    invoiceId: invoice.id,
    contactId: creditNote.contactId,
    number: creditNote.number ?? '',
    total: toMoney(creditNote.total, creditNote.currency),
    issuedAt: (creditNote.issuedAt ?? at).toISOString(),
  };
}

/** Records invoicing's events, in the transaction of the change. */
export class InvoicingEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
  ) {}

  invoiceCreated(tx: SqlExecutor, invoice: InvoiceRecord): Promise<EventEnvelope<'invoicing.invoice.created'>> {
    return this.outbox.record(tx, {
      type: 'invoicing.invoice.created',
      tenantId: this.tenantId,
      subjectId: invoice.id,
      data: invoiceFacts(invoice),
    });
  }

  invoiceUpdated(tx: SqlExecutor, invoice: InvoiceRecord): Promise<EventEnvelope<'invoicing.invoice.updated'>> {
    return this.outbox.record(tx, {
      type: 'invoicing.invoice.updated',
      tenantId: this.tenantId,
      subjectId: invoice.id,
      data: invoiceFacts(invoice),
    });
  }

  invoiceSent(tx: SqlExecutor, invoice: InvoiceRecord): Promise<EventEnvelope<'invoicing.invoice.sent'>> {
    return this.outbox.record(tx, {
      type: 'invoicing.invoice.sent',
      tenantId: this.tenantId,
      subjectId: invoice.id,
      data: invoiceFacts(invoice),
    });
  }

  invoiceVoided(tx: SqlExecutor, invoice: InvoiceRecord): Promise<EventEnvelope<'invoicing.invoice.voided'>> {
    return this.outbox.record(tx, {
      type: 'invoicing.invoice.voided',
      tenantId: this.tenantId,
      subjectId: invoice.id,
      data: invoiceFacts(invoice),
    });
  }

  invoicePaymentRecorded(
    tx: SqlExecutor,
    invoice: InvoiceRecord,
    payment: { id: string; amount: DecimalLike; receivedAt: Date },
  ): Promise<EventEnvelope<'invoicing.invoice.payment_recorded'>> {
    return this.outbox.record(tx, {
      type: 'invoicing.invoice.payment_recorded',
      tenantId: this.tenantId,
      subjectId: invoice.id,
      data: paymentRecordedData(invoice, payment),
    });
  }

  invoicePaid(tx: SqlExecutor, invoice: InvoiceRecord): Promise<EventEnvelope<'invoicing.invoice.paid'>> {
    return this.outbox.record(tx, {
      type: 'invoicing.invoice.paid',
      tenantId: this.tenantId,
      subjectId: invoice.id,
      data: invoicePaidData(invoice, new Date()),
    });
  }

  creditNoteIssued(
    tx: SqlExecutor,
    invoice: InvoiceRecord,
    creditNote: CreditNoteRecord,
  ): Promise<EventEnvelope<'invoicing.credit_note.issued'>> {
    return this.outbox.record(tx, {
      type: 'invoicing.credit_note.issued',
      tenantId: this.tenantId,
      subjectId: creditNote.id,
      data: creditNoteIssuedData(invoice, creditNote, new Date()),
    });
  }
}
