import type { Payment } from '../generated/prisma/client.js';
import type { InvoicingTx } from '../db.js';

export interface NewPayment {
  invoiceId: string;
  amount: string;
  currency: string;
  method: string | null;
  receivedAt: Date;
}

/** SQL access to payments. */
export class PaymentRepository {
  constructor(private readonly tenantId: string) {}

  /** The payments of many invoices in one query, oldest first. */
  findByInvoiceIds(tx: InvoicingTx, invoiceIds: string[]): Promise<Payment[]> {
    return tx.payment.findMany({ where: { tenantId: this.tenantId, invoiceId: { in: invoiceIds } }, orderBy: { id: 'asc' } });
  }

  create(tx: InvoicingTx, payment: NewPayment): Promise<Payment> {
    return tx.payment.create({ data: { ...payment, tenantId: this.tenantId } });
  }
}
