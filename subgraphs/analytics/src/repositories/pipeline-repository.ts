import { Decimal } from '@tessera/service-kit';
import type { AnalyticsTx } from '../db.js';
import type { DealStage, DealVersion } from '../domain/ordering.js';

/** What a deal event says of the deal. */
export interface DealState {
  stage: DealStage;
  currency: string;
  amount: string;
  closedAt: Date | null;
  version: DealVersion;
}

/** The open deals of one stage in one currency. */
export interface StageTotal {
  stage: DealStage;
  currency: string;
  value: Decimal;
  dealCount: number;
}

/** One row per CRM deal; the open ones make the pipeline. */
export class PipelineRepository {
  constructor(private readonly tenantId: string) {}

  /** Writes the deal's state if this event's version is greater than the stored one (see domain/ordering.ts); else changes nothing. */
  async applyDeal(tx: AnalyticsTx, dealId: string, deal: DealState): Promise<void> {
    const { version } = deal;
    await tx.$executeRaw`
      INSERT INTO pipeline_deals (tenant_id, deal_id, stage, amount, currency, closed_at, closed, version_at, version_rank, version_event_id)
      VALUES (${this.tenantId}::uuid, ${dealId}::uuid, ${deal.stage}, ${deal.amount}::numeric, ${deal.currency}, ${deal.closedAt},
              ${version.closed}, ${version.at}, ${version.rank}::smallint, ${version.eventId}::uuid)
      ON CONFLICT (tenant_id, deal_id) DO UPDATE SET
        stage = EXCLUDED.stage, amount = EXCLUDED.amount, currency = EXCLUDED.currency, closed_at = EXCLUDED.closed_at,
        closed = EXCLUDED.closed, version_at = EXCLUDED.version_at, version_rank = EXCLUDED.version_rank, version_event_id = EXCLUDED.version_event_id
      WHERE (EXCLUDED.closed, EXCLUDED.version_at, EXCLUDED.version_rank, EXCLUDED.version_event_id)
          > (pipeline_deals.closed, pipeline_deals.version_at, pipeline_deals.version_rank, pipeline_deals.version_event_id)`;
  }

  /** The open deals now, per stage and currency. */
  async openByStage(tx: AnalyticsTx): Promise<StageTotal[]> {
    const rows = await tx.pipelineDeal.groupBy({
      by: ['stage', 'currency'],
      where: { tenantId: this.tenantId, closed: false },
      _sum: { amount: true },
      _count: { _all: true },
    });
    return rows.map((row) => ({
      stage: row.stage as DealStage,
      currency: row.currency,
      value: new Decimal(row._sum.amount?.toString() ?? 0),
      dealCount: row._count._all,
    }));
  }
}
