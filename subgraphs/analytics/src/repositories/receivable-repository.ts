import { Decimal } from '@tessera/service-kit';
import type { AnalyticsTx } from '../db.js';
import { OPEN_INVOICE_STATUSES, type InvoiceStatus } from '../domain/ordering.js';
import type { CurrencyTotal } from '../domain/totals.js';

/** What an invoice event says of the invoice. */
export interface InvoiceState {
  status: Exclude<InvoiceStatus, 'DRAFT'>;
  statusRank: number;
  currency: string;
  total: string;
  amountPaid: string;
  /** "YYYY-MM-DD" or null. */
  dueDate: string | null;
  occurredAt: Date;
}

export interface CreditNote {
  creditNoteId: string;
  invoiceId: string;
  currency: string;
  amount: string;
  issuedAt: Date;
  occurredAt: Date;
}

/** Receivables now, per currency: what is due, and the part of it past its due date. */
export interface ReceivableTotals {
  outstanding: CurrencyTotal[];
  overdue: CurrencyTotal[];
}

/**
 * One row per invoice (what is still due on it) and its credit notes. Every change to an invoice's
 * row starts with an upsert of that row, so the changes of one invoice (whatever consumer brings
 * them) queue on its row lock and each sees the previous ones.
 */
export class ReceivableRepository {
  constructor(private readonly tenantId: string) {}

  /** Merges an invoice event into the invoice's row (higher status rank wins, amountPaid keeps its maximum), then recomputes what is due. */
  async applyInvoice(tx: AnalyticsTx, invoiceId: string, state: InvoiceState): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO invoice_receivables (tenant_id, invoice_id, status, status_rank, currency, total, amount_paid, amount_credited, amount_due, due_date, last_event_at)
      VALUES (${this.tenantId}::uuid, ${invoiceId}::uuid, ${state.status}, ${state.statusRank}::smallint, ${state.currency}, ${state.total}::numeric,
              ${state.amountPaid}::numeric, 0, 0, ${state.dueDate}::date, ${state.occurredAt})
      ON CONFLICT (tenant_id, invoice_id) DO UPDATE SET
        status = CASE WHEN EXCLUDED.status_rank > invoice_receivables.status_rank THEN EXCLUDED.status ELSE invoice_receivables.status END,
        status_rank = GREATEST(EXCLUDED.status_rank, invoice_receivables.status_rank),
        currency = EXCLUDED.currency,
        total = EXCLUDED.total,
        amount_paid = GREATEST(EXCLUDED.amount_paid, invoice_receivables.amount_paid),
        due_date = COALESCE(EXCLUDED.due_date, invoice_receivables.due_date),
        amount_due = 0, -- recomputed just below, once the status is merged
        last_event_at = GREATEST(EXCLUDED.last_event_at, invoice_receivables.last_event_at)`;
    await this.recomputeDue(tx, invoiceId);
  }

  /**
   * Records a credit note against its invoice (once) and recomputes what is due. The invoice's row is
   * created first if its events have not arrived yet (no status: not counted until they do).
   */
  async applyCredit(tx: AnalyticsTx, credit: CreditNote): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO invoice_receivables (tenant_id, invoice_id, status, status_rank, currency, total, amount_paid, amount_credited, amount_due, due_date, last_event_at)
      VALUES (${this.tenantId}::uuid, ${credit.invoiceId}::uuid, NULL, 0, ${credit.currency}, NULL, 0, 0, 0, NULL, ${credit.occurredAt})
      ON CONFLICT (tenant_id, invoice_id) DO UPDATE SET last_event_at = GREATEST(EXCLUDED.last_event_at, invoice_receivables.last_event_at)`;
    await tx.$executeRaw`
      INSERT INTO invoice_credits (tenant_id, credit_note_id, invoice_id, currency, amount, issued_at)
      VALUES (${this.tenantId}::uuid, ${credit.creditNoteId}::uuid, ${credit.invoiceId}::uuid, ${credit.currency}, ${credit.amount}::numeric, ${credit.issuedAt})
      ON CONFLICT (tenant_id, credit_note_id) DO NOTHING`;
    await this.recomputeDue(tx, credit.invoiceId);
  }

  /** amount_credited = the sum of its credit notes; amount_due = total - paid - credited (not below 0) while open, else 0. */
  private async recomputeDue(tx: AnalyticsTx, invoiceId: string): Promise<void> {
    await tx.$executeRaw`
      UPDATE invoice_receivables r SET
        amount_credited = c.credited,
        amount_due = CASE WHEN r.status = ANY(${OPEN_INVOICE_STATUSES}::text[]) THEN GREATEST(r.total - r.amount_paid - c.credited, 0) ELSE 0 END
      FROM (SELECT COALESCE(SUM(amount), 0) AS credited FROM invoice_credits WHERE tenant_id = ${this.tenantId}::uuid AND invoice_id = ${invoiceId}::uuid) c
      WHERE r.tenant_id = ${this.tenantId}::uuid AND r.invoice_id = ${invoiceId}::uuid`;
  }

  /** What is due now per currency, and the part past its due date (due before `today`, a UTC day). */
  async totals(tx: AnalyticsTx, today: Date): Promise<ReceivableTotals> {
    const rows = await tx.$queryRaw<{ currency: string; outstanding: string; overdue: string }[]>`
      SELECT currency, SUM(amount_due)::text AS outstanding,
             SUM(CASE WHEN due_date < ${today}::date THEN amount_due ELSE 0 END)::text AS overdue
      FROM invoice_receivables
      WHERE tenant_id = ${this.tenantId}::uuid AND amount_due > 0
      GROUP BY currency ORDER BY currency`;
    return {
      outstanding: rows.map((row) => ({ currency: row.currency, value: new Decimal(row.outstanding) })),
      overdue: rows.map((row) => ({ currency: row.currency, value: new Decimal(row.overdue) })),
    };
  }
}
