import type { CommissionRule } from '../generated/prisma/client.js';
import type { Decimal } from '@tessera/service-kit';
import type { PayrollTx } from '../db.js';

/** SQL access to the tenant's commission rule (one row per tenant, absent until first set). */
export class CommissionRuleRepository {
  constructor(private readonly tenantId: string) {}

  find(tx: PayrollTx): Promise<CommissionRule | null> {
    return tx.commissionRule.findUnique({ where: { tenantId: this.tenantId } });
  }

  set(tx: PayrollTx, rate: Decimal): Promise<CommissionRule> {
    return tx.commissionRule.upsert({
      where: { tenantId: this.tenantId },
      create: { tenantId: this.tenantId, defaultRate: rate.toFixed() },
      update: { defaultRate: rate.toFixed() },
    });
  }
}
