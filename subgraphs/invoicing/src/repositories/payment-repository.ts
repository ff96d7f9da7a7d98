import type { TenantScope } from '@tessera/prisma';
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
  constructor(private readonly scope: TenantScope<InvoicingTx>) {}

  /** The payments of many invoices in one query, oldest first. */
  findByInvoiceIds(invoiceIds: readonly string[]): Promise<Payment[]> {
    if (invoiceIds.length === 0) return Promise.resolve([]);
    return this.scope.run((tx) =>
      tx.payment.findMany({ where: { tenantId: this.scope.tenantId, invoiceId: { in: [...invoiceIds] } }, orderBy: { id: 'asc' } }),
    );
  }

  create(tx: InvoicingTx, payment: NewPayment): Promise<Payment> {
    return tx.payment.create({ data: { ...payment, tenantId: this.scope.tenantId } });
  }
}
