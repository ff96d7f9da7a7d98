import type { PaidDeal } from '../generated/prisma/client.js';
import type { PayrollTx } from '../db.js';

/** SQL access to the deals whose invoice was paid before their commission existed. */
export class PaidDealRepository {
  constructor(private readonly tenantId: string) {}

  find(tx: PayrollTx, dealId: string): Promise<PaidDeal | null> {
    return tx.paidDeal.findUnique({ where: { tenantId_dealId: { tenantId: this.tenantId, dealId } } });
  }

  /** Records the deal as paid; the first invoice paid for it wins. */
  async record(tx: PayrollTx, data: { dealId: string; invoiceId: string; paidAt: Date }): Promise<void> {
    await tx.paidDeal.createMany({ data: [{ ...data, tenantId: this.tenantId }], skipDuplicates: true });
  }
}
