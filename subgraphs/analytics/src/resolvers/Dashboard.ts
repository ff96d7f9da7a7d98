import type { DashboardResolvers } from '../generated/graphql.js';
import { Metric } from '../domain/metrics.js';
import { totalIn, totalsByCurrency } from '../domain/totals.js';

/** Headline Money fields are in the view's currency (the tenant's); `...ByCurrency` lists hold every currency. */
export const Dashboard: DashboardResolvers = {
  from: (view) => view.range.from,
  to: (view) => view.range.to,
  currency: (view) => view.currency,
  revenue: (view) => view.total(Metric.paid),
  revenueByCurrency: (view) => view.totalsByCurrency(Metric.paid),
  revenueSeries: (view) => view.series(Metric.paid),
  invoiced: (view) => view.total(Metric.invoiced),
  invoicedByCurrency: (view) => view.totalsByCurrency(Metric.invoiced),
  invoicedSeries: (view) => view.series(Metric.invoiced),
  credited: (view) => view.total(Metric.credited),
  creditedByCurrency: (view) => view.totalsByCurrency(Metric.credited),
  outstanding: async (view) => totalIn((await view.receivables()).outstanding, view.currency),
  outstandingByCurrency: async (view) => totalsByCurrency((await view.receivables()).outstanding),
  overdue: async (view) => totalIn((await view.receivables()).overdue, view.currency),
  overdueByCurrency: async (view) => totalsByCurrency((await view.receivables()).overdue),
  pipeline: async (view) => totalIn(await view.pipeline(), view.currency),
  pipelineByCurrency: async (view) => totalsByCurrency(await view.pipeline()),
  pipelineByStage: (view) => view.pipelineByStage(),
  dealsWon: (view) => view.count(Metric.dealsWon),
  dealsWonValue: (view) => view.total(Metric.dealsWon),
  dealsWonValueByCurrency: (view) => view.totalsByCurrency(Metric.dealsWon),
  commissionsOwed: async (view) => totalIn(await view.commissionsOwed(), view.currency),
  commissionsOwedByCurrency: async (view) => totalsByCurrency(await view.commissionsOwed()),
  payrollCost: (view) => view.total(Metric.payrollCost),
  payrollCostByCurrency: (view) => view.totalsByCurrency(Metric.payrollCost),
  bookings: (view) => view.count(Metric.bookings),
  bookingRevenue: (view) => view.total(Metric.bookings),
  orders: (view) => view.count(Metric.orders),
  orderValue: (view) => view.total(Metric.orders),
  posSales: (view) => view.total(Metric.posSales),
  fleetCost: (view) => view.total(Metric.fleetCost),
  fleetCostByCurrency: (view) => view.totalsByCurrency(Metric.fleetCost),
};
