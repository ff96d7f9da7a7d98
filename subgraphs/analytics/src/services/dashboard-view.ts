/**
 * One requested dashboard: the range, the currency, and the read-model queries behind its fields,
 * each run at most once and only if a selected field needs it (a client asking only for `dealsWon`
 * costs one query).
 */
import { money, type Decimal, type Money } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { AnalyticsTx } from '../db.js';
import type { DayRange } from '../domain/date-range.js';
import { Metric, type MetricKey } from '../domain/metrics.js';
import { OPEN_DEAL_STAGES, type DealStage } from '../domain/ordering.js';
import { dailySeries, totalIn, totalsByCurrency, type CurrencyTotal, type SeriesPoint } from '../domain/totals.js';
import type { AnalyticsRepositories } from '../repositories/index.js';
import type { MetricTotal } from '../repositories/metric-repository.js';
import type { ReceivableTotals } from '../repositories/receivable-repository.js';
import type { StageTotal } from '../repositories/pipeline-repository.js';

/** The metrics summed over the range. */
const PERIOD_METRICS: readonly MetricKey[] = [
  Metric.paid,
  Metric.invoiced,
  Metric.credited,
  Metric.dealsWon,
  Metric.payrollCost,
  Metric.bookings,
  Metric.orders,
  Metric.posSales,
  Metric.fleetCost,
];
/** The metrics drawn day by day. */
const SERIES_METRICS: readonly MetricKey[] = [Metric.paid, Metric.invoiced];

export interface StageValue {
  stage: DealStage;
  value: Money;
  dealCount: number;
}

/** Runs `load` once, the first time it is asked for. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= load());
}

export class DashboardView {
  private readonly periodTotals: () => Promise<MetricTotal[]>;
  private readonly seriesValues: () => Promise<Map<string, Map<string, Decimal>>>;
  private readonly receivableTotals: () => Promise<ReceivableTotals>;
  private readonly stageTotals: () => Promise<StageTotal[]>;
  private readonly commissionTotals: () => Promise<CurrencyTotal[]>;

  constructor(
    scope: TenantScope<AnalyticsTx>,
    repositories: AnalyticsRepositories,
    readonly range: DayRange,
    /** The range's days, "YYYY-MM-DD", in order. */
    private readonly days: readonly string[],
    /** The tenant's default currency: the currency of the headline figures. */
    readonly currency: string,
    /** Today (UTC midnight): what is overdue is due before it. */
    today: Date,
  ) {
    const { from, to } = range;
    this.periodTotals = once(() => scope.run((tx) => repositories.metrics.totals(tx, PERIOD_METRICS, from, to)));
    this.seriesValues = once(() => scope.run((tx) => repositories.metrics.daily(tx, SERIES_METRICS, currency, from, to)));
    this.receivableTotals = once(() => scope.run((tx) => repositories.receivables.totals(tx, today)));
    this.stageTotals = once(() => scope.run((tx) => repositories.pipeline.openByStage(tx)));
    this.commissionTotals = once(() => scope.run((tx) => repositories.commissions.owed(tx)));
  }

  private async period(metric: MetricKey): Promise<MetricTotal[]> {
    return (await this.periodTotals()).filter((total) => total.metric === metric);
  }

  /** A metric's total over the range in the dashboard's currency. */
  async total(metric: MetricKey): Promise<Money> {
    return totalIn(await this.period(metric), this.currency);
  }

  /** A metric's totals over the range, one per currency. */
  async totalsByCurrency(metric: MetricKey): Promise<Money[]> {
    return totalsByCurrency(await this.period(metric));
  }

  /** How many facts of a metric the range has, in any currency. */
  async count(metric: MetricKey): Promise<number> {
    return (await this.period(metric)).reduce((sum, total) => sum + total.count, 0);
  }

  /** A metric day by day over the range in the dashboard's currency. */
  async series(metric: MetricKey): Promise<SeriesPoint[]> {
    return dailySeries(this.days, (await this.seriesValues()).get(metric) ?? new Map(), this.currency);
  }

  async receivables(): Promise<ReceivableTotals> {
    return this.receivableTotals();
  }

  /** The open deals per currency. */
  async pipeline(): Promise<CurrencyTotal[]> {
    return (await this.stageTotals()).map(({ currency, value }) => ({ currency, value }));
  }

  /** The open deals per stage (pipeline order) and currency. */
  async pipelineByStage(): Promise<StageValue[]> {
    const totals = await this.stageTotals();
    return OPEN_DEAL_STAGES.flatMap((stage) =>
      totals
        .filter((total) => total.stage === stage)
        .sort((a, b) => a.currency.localeCompare(b.currency))
        .map((total) => ({ stage, value: money(total.value, total.currency), dealCount: total.dealCount })),
    );
  }

  async commissionsOwed(): Promise<CurrencyTotal[]> {
    return this.commissionTotals();
  }
}
