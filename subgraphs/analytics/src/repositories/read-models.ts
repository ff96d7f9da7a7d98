import type { AnalyticsTx } from '../db.js';

/** The tables the projections write: everything the rebuild wipes and writes again. */
export const READ_MODEL_TABLES = [
  'invoice_credits',
  'invoice_receivables',
  'pipeline_deals',
  'commission_balances',
  'daily_metrics',
  'metric_facts',
  'activity_items',
] as const;

/** Deletes every read-model row of one tenant (the inbox stays: the projections are idempotent without it). */
export async function wipeTenant(tx: AnalyticsTx, tenantId: string): Promise<void> {
  await tx.invoiceCredit.deleteMany({ where: { tenantId } });
  await tx.invoiceReceivable.deleteMany({ where: { tenantId } });
  await tx.pipelineDeal.deleteMany({ where: { tenantId } });
  await tx.commissionBalance.deleteMany({ where: { tenantId } });
  await tx.dailyMetric.deleteMany({ where: { tenantId } });
  await tx.metricFact.deleteMany({ where: { tenantId } });
  await tx.activityItem.deleteMany({ where: { tenantId } });
}
