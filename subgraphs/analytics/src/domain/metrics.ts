/**
 * The daily metrics: each is a key `<module>.<what>` under which facts (one per source: a payment, an
 * invoice, a deal...) are summed per UTC day and currency. A module that starts feeding analytics
 * adds keys here, not tables: e.g. `booking.completed`, `commerce.orders`, `pos.sales`,
 * `fleet.cost`. Facts that are only counted use the currency NO_CURRENCY with value 0.
 */
export const Metric = {
  /** Invoice totals, one fact per invoice, on the day it was sent (issuedAt). */
  invoiced: 'invoicing.invoiced',
  /** Payments received, one fact per payment, on the day received (paidAt): revenue, cash basis. */
  paid: 'invoicing.paid',
  /** Credit notes, one fact per credit note, on the day issued. */
  credited: 'invoicing.credited',
  /** Deals won, one fact per deal (its amount), on the day closed. Counted for `dealsWon`. */
  dealsWon: 'crm.deals_won',
  /** Pay runs paid, one fact per pay run (its gross), on the day paid: payroll cost, cash basis. */
  payrollCost: 'payroll.cost',
  /** Appointments completed, one fact per appointment (its price), on the day it started. */
  bookings: 'booking.completed',
  /** Orders placed, one fact per order (its total), on the day placed. */
  orders: 'commerce.orders',
  /** POS sales, one fact per sale (its total), on the day completed. */
  posSales: 'pos.sales',
  /** Fleet costs (fuel and maintenance), one fact per cost record, on its day. */
  fleetCost: 'fleet.cost',
} as const;

export type MetricKey = (typeof Metric)[keyof typeof Metric];

/** ISO 4217's code for "no currency": the currency of facts that are only counted. */
export const NO_CURRENCY = 'XXX';
