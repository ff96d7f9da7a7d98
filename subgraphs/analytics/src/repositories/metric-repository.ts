import { Decimal, isoDay } from '@tessera/service-kit';
import type { AnalyticsTx } from '../db.js';
import type { MetricKey } from '../domain/metrics.js';
import type { CurrencyTotal } from '../domain/totals.js';

/** A fact behind a daily metric: one per source (payment, invoice, deal, pay run...). */
export interface MetricFactInput {
  metric: MetricKey;
  /** The id of what the fact is about in its module; the same source counts once per metric. */
  sourceId: string;
  /** When it happened: its UTC day is the day it counts on. */
  occurredAt: Date;
  currency: string;
  /** An exact decimal string. */
  value: string;
  eventId: string;
}

/** The totals of one metric over a range, per currency, with the number of facts. */
export interface MetricTotal extends CurrencyTotal {
  metric: string;
  count: number;
}

/** The facts and daily totals of one tenant. */
export class MetricRepository {
  constructor(private readonly tenantId: string) {}

  /**
   * Records a fact and adds it to its day's total, in one statement; a fact already recorded (same
   * metric and source) changes nothing. Returns whether it was new.
   */
  async record(tx: AnalyticsTx, fact: MetricFactInput): Promise<boolean> {
    const added = await tx.$executeRaw`
      WITH fact AS (
        INSERT INTO metric_facts (tenant_id, metric, source_id, day, currency, value, occurred_at, event_id)
        VALUES (${this.tenantId}::uuid, ${fact.metric}, ${fact.sourceId}, ${isoDay(fact.occurredAt)}::date, ${fact.currency},
                ${fact.value}::numeric, ${fact.occurredAt}, ${fact.eventId}::uuid)
        ON CONFLICT (tenant_id, metric, source_id) DO NOTHING
        RETURNING tenant_id, metric, day, currency, value
      )
      INSERT INTO daily_metrics (tenant_id, metric, day, currency, value, fact_count)
      SELECT tenant_id, metric, day, currency, value, 1 FROM fact
      ON CONFLICT (tenant_id, metric, day, currency)
      DO UPDATE SET value = daily_metrics.value + EXCLUDED.value, fact_count = daily_metrics.fact_count + 1`;
    return added > 0;
  }

  /** Each metric's totals per currency over the days `from`..`to` (included). */
  async totals(tx: AnalyticsTx, metrics: readonly MetricKey[], from: Date, to: Date): Promise<MetricTotal[]> {
    const rows = await tx.dailyMetric.groupBy({
      by: ['metric', 'currency'],
      where: { tenantId: this.tenantId, metric: { in: [...metrics] }, day: { gte: from, lte: to } },
      _sum: { value: true, factCount: true },
      orderBy: [{ metric: 'asc' }, { currency: 'asc' }],
    });
    return rows.map((row) => ({
      metric: row.metric,
      currency: row.currency,
      value: new Decimal(row._sum.value?.toString() ?? 0),
      count: row._sum.factCount ?? 0,
    }));
  }

  /** Each metric's daily values in one currency over the days `from`..`to`: metric -> day -> value. */
  async daily(
    tx: AnalyticsTx,
    metrics: readonly MetricKey[],
    currency: string,
    from: Date,
    to: Date,
  ): Promise<Map<string, Map<string, Decimal>>> {
    const rows = await tx.dailyMetric.findMany({
      where: { tenantId: this.tenantId, metric: { in: [...metrics] }, currency, day: { gte: from, lte: to } },
      select: { metric: true, day: true, value: true },
    });
    const series = new Map<string, Map<string, Decimal>>();
    for (const row of rows) {
      let days = series.get(row.metric);
      if (!days) series.set(row.metric, (days = new Map()));
      days.set(isoDay(row.day), new Decimal(row.value.toString()));
    }
    return series;
  }
}
