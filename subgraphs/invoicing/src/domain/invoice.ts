import { utcDay } from '@tessera/service-kit';
import type { DocumentKind, Invoice, InvoiceLine, InvoiceState } from '../generated/prisma/client.js';

/** An invoice or credit note row as resolvers receive it (the Invoice and CreditNote mappers). */
export type InvoiceRecord = Invoice;
/** A credit note is an Invoice row of kind CREDIT_NOTE. */
export type CreditNoteRecord = Invoice;
/** A line as resolvers receive it: the row plus its document's currency (its amounts are Money). */
export type InvoiceLineRecord = InvoiceLine & { currency: string };

/** The statuses of the API: the stored states plus OVERDUE, derived at read time. */
export type InvoiceStatus = InvoiceState | 'OVERDUE';

/** Stored states in which an invoice is issued and not settled: payable, and overdue once past due. */
export const OPEN_STATES: readonly InvoiceState[] = ['SENT', 'PARTIALLY_PAID'];
/** Stored states that accept a credit note. */
export const CREDITABLE_STATES: readonly InvoiceState[] = ['SENT', 'PARTIALLY_PAID', 'PAID'];

/** Days between issue and due date when an invoice is sent without a due date. */
export const DEFAULT_PAYMENT_TERM_DAYS = 30;

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * 86_400_000);
}

/** Whether an issued, unsettled invoice's due date is before `today` (UTC). */
export function isOverdue(invoice: { kind: DocumentKind; status: InvoiceState; dueDate: Date | null }, today: Date): boolean {
  return (
    invoice.kind === 'INVOICE' &&
    OPEN_STATES.includes(invoice.status) &&
    invoice.dueDate !== null &&
    invoice.dueDate.getTime() < utcDay(today).getTime()
  );
}

/** The status the API shows: OVERDUE replaces SENT/PARTIALLY_PAID once the due date has passed. */
export function effectiveStatus(invoice: { kind: DocumentKind; status: InvoiceState; dueDate: Date | null }, today: Date): InvoiceStatus {
  return isOverdue(invoice, today) ? 'OVERDUE' : invoice.status;
}

const PREFIX: Record<DocumentKind, string> = { INVOICE: 'INV', CREDIT_NOTE: 'CN' };

/** Formats a sequence value as a document number: INV-2026-0001, CN-2026-0012 (at least 4 digits). */
export function documentNumber(kind: DocumentKind, year: number, sequence: number): string {
  return `${PREFIX[kind]}-${year}-${String(sequence).padStart(4, '0')}`;
}
