import { Decimal } from '@tessera/service-kit';
import type { AnalyticsTx } from '../db.js';
import { OWED_COMMISSION_STATUSES, type CommissionStatus } from '../domain/ordering.js';
import type { CurrencyTotal } from '../domain/totals.js';

/** What a commission event says of the commission. */
export interface CommissionState {
  status: CommissionStatus;
  statusRank: number;
  currency: string;
  amount: string;
  occurredAt: Date;
}

/** One row per payroll commission; ACCRUED and PAYABLE ones are owed. */
export class CommissionRepository {
  constructor(private readonly tenantId: string) {}

  /** Writes the commission's state if its status ranks higher than the stored one; else changes nothing. */
  async applyCommission(tx: AnalyticsTx, commissionId: string, state: CommissionState): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO commission_balances (tenant_id, commission_id, status, status_rank, amount, currency, last_event_at)
      VALUES (${this.tenantId}::uuid, ${commissionId}::uuid, ${state.status}, ${state.statusRank}::smallint, ${state.amount}::numeric,
              ${state.currency}, ${state.occurredAt})
      ON CONFLICT (tenant_id, commission_id) DO UPDATE SET
        status = EXCLUDED.status, status_rank = EXCLUDED.status_rank, amount = EXCLUDED.amount, currency = EXCLUDED.currency,
        last_event_at = EXCLUDED.last_event_at
      WHERE EXCLUDED.status_rank > commission_balances.status_rank`;
  }

  /** The commissions owed now (ACCRUED or PAYABLE), per currency. */
  async owed(tx: AnalyticsTx): Promise<CurrencyTotal[]> {
    const rows = await tx.commissionBalance.groupBy({
      by: ['currency'],
      where: { tenantId: this.tenantId, status: { in: [...OWED_COMMISSION_STATUSES] } },
      _sum: { amount: true },
      orderBy: { currency: 'asc' },
    });
    return rows.map((row) => ({ currency: row.currency, value: new Decimal(row._sum.amount?.toString() ?? 0) }));
  }
}
