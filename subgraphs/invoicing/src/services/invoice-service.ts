import type { TenantScope, TenantTransactionOptions } from '@tessera/prisma';
import { isCurrency, isUuid, minorUnits, toDecimal, utcDay, type Decimal, type References, type UserError } from '@tessera/service-kit';
import type { Payment } from '../generated/prisma/client.js';
import type { InvoicingTx } from '../db.js';
import {
  addDays,
  CREDITABLE_STATES,
  DEFAULT_PAYMENT_TERM_DAYS,
  documentNumber,
  OPEN_STATES,
  type CreditNoteRecord,
  type InvoiceRecord,
} from '../domain/invoice.js';
import { priceLines, type LineInput } from '../domain/lines.js';
import { amountDue } from '../domain/totals.js';
import {
  invalidCurrency,
  invalidId,
  invoiceNotCreditable,
  invoiceNotDraft,
  invoiceNotFound,
  invoiceNotPayable,
  invoiceNotVoidable,
  refuse,
} from '../errors.js';
import type { InvoicingEvents } from '../events/invoicing-events.js';
import type { Repositories } from '../repositories/index.js';

export interface CreateInvoiceCommand {
  contactId: string;
  currency: string;
  dueDate?: Date | null;
  lines: readonly LineInput[];
  dealId?: string | null;
}

export interface UpdateDraftCommand {
  invoiceId: string;
  /** undefined keeps the due date; null removes it. */
  dueDate?: Date | null;
  lines?: readonly LineInput[] | null;
}

export interface RecordPaymentCommand {
  invoiceId: string;
  amount: { amount: Decimal; currency: string };
  method?: string | null;
}

export interface CreateCreditNoteCommand {
  invoiceId: string;
  lines?: readonly LineInput[] | null;
  reason: string;
}

export interface InvoiceResult {
  invoice: InvoiceRecord | null;
  userErrors: UserError[];
}

export interface PaymentResult extends InvoiceResult {
  payment: Payment | null;
}

export interface CreditNoteResult extends InvoiceResult {
  creditNote: CreditNoteRecord | null;
}

const MAX_METHOD_LENGTH = 100;
const MAX_REASON_LENGTH = 500;
/** Writers may queue behind a locked invoice or number sequence: wait for a connection and the lock patiently. */
const WRITE: TenantTransactionOptions = { maxWait: 10_000, timeout: 20_000 };

const refused = (...userErrors: UserError[]): InvoiceResult => ({ invoice: null, userErrors });

/**
 * The invoice lifecycle: DRAFT -> SENT -> PARTIALLY_PAID / PAID, or VOID, and credit notes after
 * sending. Each state change is one method running one transaction (the row of the invoice locked
 * first) that also records the change's event in the outbox; every expected failure is a userError
 * and changes nothing.
 */
export class InvoiceService {
  constructor(
    private readonly scope: TenantScope<InvoicingTx>,
    private readonly repos: Repositories,
    private readonly now: () => Date,
    private readonly events: InvoicingEvents,
    private readonly references: References,
  ) {}

  async createInvoice(command: CreateInvoiceCommand): Promise<InvoiceResult> {
    const errors: UserError[] = [];
    const currency = command.currency.trim().toUpperCase();
    if (!isUuid(command.contactId)) errors.push(invalidId('contactId'));
    if (command.dealId != null && !isUuid(command.dealId)) errors.push(invalidId('dealId'));
    const currencyValid = isCurrency(currency);
    if (!currencyValid) errors.push(invalidCurrency());
    // Lines are validated even when the currency is not (USD only stands in for the rounding).
    const priced = priceLines(command.lines, currencyValid ? currency : 'USD', ['input', 'lines']);
    if (!priced.ok) errors.push(...priced.errors);
    if (errors.length > 0 || !priced.ok) return refused(...errors);
    const { lines, totals } = priced.value;
    // The contact and the deal are the tenant's, as CRM's events told invoicing (never another tenant's).
    const unknown = await this.references.check([
      { kind: 'contact', id: command.contactId, field: ['input', 'contactId'] },
      { kind: 'deal', id: command.dealId, field: ['input', 'dealId'] },
    ]);
    if (unknown.length > 0) return refused(...unknown);

    const invoice = await this.scope.run(async (tx) => {
      const created = await this.repos.invoices.create(
        tx,
        {
          kind: 'INVOICE',
          status: 'DRAFT',
          contactId: command.contactId,
          dealId: command.dealId ?? null,
          currency,
          dueDate: command.dueDate ?? null,
        },
        lines,
        totals,
      );
      await this.events.invoiceCreated(tx, created);
      return created;
    }, WRITE);
    return { invoice, userErrors: [] };
  }

  async updateDraftInvoice(command: UpdateDraftCommand): Promise<InvoiceResult> {
    if (!isUuid(command.invoiceId)) return refused(invoiceNotFound());
    return this.scope.run(async (tx) => {
      const invoice = await this.repos.invoices.lock(tx, command.invoiceId, 'INVOICE');
      if (!invoice) return refused(invoiceNotFound());
      if (invoice.status !== 'DRAFT') return refused(invoiceNotDraft(invoice.status));
      let lines;
      if (command.lines != null) {
        const priced = priceLines(command.lines, invoice.currency, ['input', 'lines']);
        if (!priced.ok) return refused(...priced.errors);
        lines = priced.value;
      }
      const updated = await this.repos.invoices.replaceDraft(tx, invoice.id, {
        ...(command.dueDate !== undefined ? { dueDate: command.dueDate } : {}),
        ...(lines ? { lines } : {}),
      });
      await this.events.invoiceUpdated(tx, updated);
      return { invoice: updated, userErrors: [] };
    }, WRITE);
  }

  /**
   * DRAFT -> SENT: numbers the invoice from the tenant's gap-free sequence (the counter is bumped in
   * this transaction), stamps issuedAt and defaults the due date to issue date + 30 days. An
   * invoice with nothing to pay (total 0) is PAID at once.
   */
  async sendInvoice(invoiceId: string): Promise<InvoiceResult> {
    if (!isUuid(invoiceId)) return refused(invoiceNotFound());
    return this.scope.run(async (tx) => {
      const invoice = await this.repos.invoices.lock(tx, invoiceId, 'INVOICE');
      if (!invoice) return refused(invoiceNotFound());
      if (invoice.status !== 'DRAFT') return refused(invoiceNotDraft(invoice.status));
      const now = this.now();
      const year = now.getUTCFullYear();
      const sequence = await this.repos.sequences.next(tx, 'INVOICE', year);
      const settled = toDecimal(invoice.total).isZero();
      const sent = await this.repos.invoices.update(tx, invoice.id, {
        status: settled ? 'PAID' : 'SENT',
        number: documentNumber('INVOICE', year, sequence),
        issuedAt: now,
        dueDate: invoice.dueDate ?? addDays(utcDay(now), DEFAULT_PAYMENT_TERM_DAYS),
        ...(settled ? { paidAt: now } : {}),
      });
      await this.events.invoiceSent(tx, sent);
      if (settled) await this.events.invoicePaid(tx, sent);
      return { invoice: sent, userErrors: [] };
    }, WRITE);
  }

  /**
   * Records a payment under the invoice's row lock, so concurrent payments see each other and can
   * never pay more than is due. Full payment -> PAID (paidAt), part -> PARTIALLY_PAID.
   */
  async recordPayment(command: RecordPaymentCommand): Promise<PaymentResult> {
    const payRefused = (...userErrors: UserError[]): PaymentResult => ({ invoice: null, payment: null, userErrors });
    const amount = command.amount.amount;
    const currency = command.amount.currency.trim().toUpperCase();
    const method = command.method?.trim() || null;
    const errors: UserError[] = [];
    if (!amount.greaterThan(0)) errors.push(refuse('INVALID_AMOUNT', 'The amount must be greater than 0', ['input', 'amount', 'amount']));
    if (method !== null && method.length > MAX_METHOD_LENGTH) {
      errors.push(refuse('INVALID_METHOD', `The method must be at most ${MAX_METHOD_LENGTH} characters`, ['input', 'method']));
    }
    if (!isUuid(command.invoiceId)) errors.push(invoiceNotFound());
    if (errors.length > 0) return payRefused(...errors);

    return this.scope.run(async (tx) => {
      const invoice = await this.repos.invoices.lock(tx, command.invoiceId, 'INVOICE');
      if (!invoice) return payRefused(invoiceNotFound());
      if (invoice.status === 'DRAFT' || invoice.status === 'VOID') {
        return payRefused(invoiceNotPayable(invoice.status));
      }
      if (currency !== invoice.currency) {
        return payRefused(
          refuse('CURRENCY_MISMATCH', `The invoice is in ${invoice.currency}, not ${currency}`, ['input', 'amount', 'currency']),
        );
      }
      if (amount.decimalPlaces() > minorUnits(invoice.currency)) {
        return payRefused(
          refuse('INVALID_AMOUNT', `${invoice.currency} amounts have at most ${minorUnits(invoice.currency)} decimals`, [
            'input',
            'amount',
            'amount',
          ]),
        );
      }
      const due = amountDue(invoice);
      if (amount.greaterThan(due)) {
        return payRefused(
          refuse('OVERPAYMENT', `The amount exceeds what is due (${due.toFixed(minorUnits(invoice.currency))} ${invoice.currency})`, [
            'input',
            'amount',
            'amount',
          ]),
        );
      }
      const now = this.now();
      const payment = await this.repos.payments.create(tx, {
        invoiceId: invoice.id,
        amount: amount.toFixed(),
        currency,
        method,
        receivedAt: now,
      });
      const paid = toDecimal(invoice.amountPaid).plus(amount);
      const settled = amountDue({ ...invoice, amountPaid: paid }).isZero();
      const updated = await this.repos.invoices.update(tx, invoice.id, {
        amountPaid: paid.toFixed(),
        status: settled ? 'PAID' : 'PARTIALLY_PAID',
        ...(settled ? { paidAt: now } : {}),
      });
      await this.events.invoicePaymentRecorded(tx, updated, payment);
      if (updated.status === 'PAID') await this.events.invoicePaid(tx, updated);
      return { invoice: updated, payment, userErrors: [] };
    }, WRITE);
  }

  /** SENT -> VOID, only while nothing was paid or credited. */
  async voidInvoice(invoiceId: string): Promise<InvoiceResult> {
    if (!isUuid(invoiceId)) return refused(invoiceNotFound());
    return this.scope.run(async (tx) => {
      const invoice = await this.repos.invoices.lock(tx, invoiceId, 'INVOICE');
      if (!invoice) return refused(invoiceNotFound());
      if (invoice.status !== 'SENT' || !toDecimal(invoice.amountPaid).isZero() || !toDecimal(invoice.amountCredited).isZero()) {
        return refused(invoiceNotVoidable());
      }
      const voided = await this.repos.invoices.update(tx, invoice.id, { status: 'VOID', voidedAt: this.now() });
      await this.events.invoiceVoided(tx, voided);
      return { invoice: voided, userErrors: [] };
    }, WRITE);
  }

  /**
   * Issues a credit note (its own gap-free CN-<year>-<seq> sequence) against a SENT, PARTIALLY_PAID
   * or PAID invoice: the given lines, or every line of the invoice. Credits reduce what is due; an
   * open invoice with nothing left to pay becomes PAID. At most the invoice's total is ever credited.
   */
  async createCreditNote(command: CreateCreditNoteCommand): Promise<CreditNoteResult> {
    const creditRefused = (...userErrors: UserError[]): CreditNoteResult => ({ invoice: null, creditNote: null, userErrors });
    const reason = command.reason.trim();
    const errors: UserError[] = [];
    if (reason.length === 0 || reason.length > MAX_REASON_LENGTH) {
      errors.push(refuse('INVALID_REASON', `The reason must be 1 to ${MAX_REASON_LENGTH} characters`, ['input', 'reason']));
    }
    if (!isUuid(command.invoiceId)) errors.push(invoiceNotFound());
    if (errors.length > 0) return creditRefused(...errors);

    return this.scope.run(async (tx) => {
      const invoice = await this.repos.invoices.lock(tx, command.invoiceId, 'INVOICE');
      if (!invoice) return creditRefused(invoiceNotFound());
      if (!CREDITABLE_STATES.includes(invoice.status)) {
        return creditRefused(invoiceNotCreditable(invoice.status));
      }
      const inputs: readonly LineInput[] =
        command.lines ??
        (await this.repos.lines.findByDocumentId(tx, invoice.id)).map((line) => ({
          description: line.description,
          quantity: toDecimal(line.quantity),
          unitPrice: toDecimal(line.unitPrice),
          taxRate: toDecimal(line.taxRate),
        }));
      const priced = priceLines(inputs, invoice.currency, ['input', 'lines']);
      if (!priced.ok) return creditRefused(...priced.errors);
      const { lines, totals } = priced.value;
      const creditable = toDecimal(invoice.total).minus(toDecimal(invoice.amountCredited));
      if (!totals.total.greaterThan(0)) {
        return creditRefused(refuse('INVALID_AMOUNT', 'A credit note must credit more than 0', ['input', 'lines']));
      }
      if (totals.total.greaterThan(creditable)) {
        return creditRefused(
          refuse(
            'CREDIT_EXCEEDS_INVOICE',
            `At most ${creditable.toFixed(minorUnits(invoice.currency))} ${invoice.currency} can still be credited`,
            ['input', 'lines'],
          ),
        );
      }
      const now = this.now();
      const year = now.getUTCFullYear();
      const sequence = await this.repos.sequences.next(tx, 'CREDIT_NOTE', year);
      const creditNote = await this.repos.invoices.create(
        tx,
        {
          kind: 'CREDIT_NOTE',
          status: 'SENT',
          number: documentNumber('CREDIT_NOTE', year, sequence),
          contactId: invoice.contactId,
          dealId: invoice.dealId,
          currency: invoice.currency,
          issuedAt: now,
          creditedInvoiceId: invoice.id,
          reason,
        },
        lines,
        totals,
      );
      const credited = toDecimal(invoice.amountCredited).plus(totals.total);
      const settles = OPEN_STATES.includes(invoice.status) && amountDue({ ...invoice, amountCredited: credited }).isZero();
      const updated = await this.repos.invoices.update(tx, invoice.id, {
        amountCredited: credited.toFixed(),
        ...(settles ? { status: 'PAID', paidAt: now } : {}),
      });
      await this.events.creditNoteIssued(tx, updated, creditNote);
      if (settles) await this.events.invoicePaid(tx, updated);
      return { invoice: updated, creditNote, userErrors: [] };
    }, WRITE);
  }
}
