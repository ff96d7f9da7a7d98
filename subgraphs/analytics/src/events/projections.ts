/**
 * Analytics' projections: for each event type it reads, how an event changes the read models. The
 * live consumers (consumers.ts) and the rebuild (rebuild.ts) apply exactly these. Every effect is
 * idempotent on its own (facts are keyed by their source, state rows only move forward: see
 * domain/ordering.ts; activity items are keyed by their event), so the same event twice, or events in
 * any order, give the same read models. Effects use only the transaction they are given and the
 * event's tenant. Every event type read here also makes an item of the activity feed
 * (domain/activity.ts); some types are read for the feed alone.
 */
import { InvalidEventError, subjectUuid, type EventData, type EventEnvelope, type EventType } from '@tessera/events';
import { isUuid } from '@tessera/service-kit';
import type { AnalyticsTx } from '../db.js';
import { describeActivity } from '../domain/activity.js';
import { Metric } from '../domain/metrics.js';
import { COMMISSION_STATUS_RANK, dealVersion, invoiceStatusRank, type DealStage } from '../domain/ordering.js';
import { createRepositories } from '../repositories/index.js';
import type { MetricFactInput } from '../repositories/metric-repository.js';
import type { InvoiceState } from '../repositories/receivable-repository.js';

/** What an event does to the read models, given a transaction bound to its tenant. */
export type Effect = (tx: AnalyticsTx) => Promise<void>;

export interface Projection<T extends EventType = EventType> {
  /** The live consumer's durable name, `analytics-<purpose>`. */
  name: string;
  type: T;
  /** Checks the event and returns its effect; throws InvalidEventError (never retried) for one it cannot apply. */
  plan(event: EventEnvelope<T>): Effect;
}

/** Declares a projection with its event's payload type checked (lets one list mix event types). */
function defineProjection<T extends EventType>(projection: Projection<T>): Projection {
  return projection as unknown as Projection;
}

/** An id from an event's data that analytics stores in a uuid column (the subject's: `subjectUuid`). */
function uuid(event: EventEnvelope, value: string, what: string): string {
  if (!isUuid(value)) throw new InvalidEventError(`${event.type} ${event.id}: ${what} ${value} is not a UUID`);
  return value;
}

/** An amount that cannot be negative (the contracts allow a sign; no Tessera module records one). */
function amount(event: EventEnvelope, money: { amount: string }, what: string): string {
  if (money.amount.startsWith('-')) throw new InvalidEventError(`${event.type} ${event.id}: ${what} ${money.amount} is negative`);
  return money.amount;
}

type InvoiceEventType =
  'invoicing.invoice.sent' | 'invoicing.invoice.payment_recorded' | 'invoicing.invoice.paid' | 'invoicing.invoice.voided';

/** The invoice as the event describes it; null for a DRAFT (not a receivable: nothing to merge). */
function invoiceState(event: EventEnvelope<InvoiceEventType>): InvoiceState | null {
  const data: EventData<'invoicing.invoice.sent'> = event.data;
  const statusRank = invoiceStatusRank(data.status);
  if (statusRank === null || data.status === 'DRAFT') return null;
  return {
    status: data.status,
    statusRank,
    currency: data.total.currency,
    total: amount(event, data.total, 'total'),
    amountPaid: amount(event, data.amountPaid, 'amountPaid'),
    dueDate: data.dueDate,
    occurredAt: new Date(event.occurredAt),
  };
}

/** The effect every invoice event has: merging the invoice's state into its receivable row. */
function mergeInvoice(event: EventEnvelope<InvoiceEventType>): Effect {
  const invoiceId = subjectUuid(event);
  const state = invoiceState(event);
  return async (tx) => {
    if (state) await createRepositories(event.tenantId).receivables.applyInvoice(tx, invoiceId, state);
  };
}

type DealEventType = 'crm.deal.created' | 'crm.deal.stage_changed' | 'crm.deal.won' | 'crm.deal.lost';

function mergeDeal<T extends DealEventType>(event: EventEnvelope<T>, stage: DealStage, closedAt: string | null): Effect {
  const dealId = subjectUuid(event);
  const state = {
    stage,
    currency: event.data.amount.currency,
    amount: amount(event, event.data.amount, 'amount'),
    closedAt: closedAt === null ? null : new Date(closedAt),
    version: dealVersion(event.type, stage, event.occurredAt, event.id),
  };
  return (tx) => createRepositories(event.tenantId).pipeline.applyDeal(tx, dealId, state);
}

type CommissionEventType = 'payroll.commission.accrued' | 'payroll.commission.payable' | 'payroll.commission.paid';

function mergeCommission<T extends CommissionEventType>(event: EventEnvelope<T>): Effect {
  const commissionId = subjectUuid(event);
  const { status } = event.data;
  const state = {
    status,
    statusRank: COMMISSION_STATUS_RANK[status],
    currency: event.data.amount.currency,
    amount: amount(event, event.data.amount, 'amount'),
    occurredAt: new Date(event.occurredAt),
  };
  return (tx) => createRepositories(event.tenantId).commissions.applyCommission(tx, commissionId, state);
}

/** Records a fact behind a daily metric (once per source). */
function recordFact(event: EventEnvelope, fact: Omit<MetricFactInput, 'eventId'>): Effect {
  return async (tx) => {
    await createRepositories(event.tenantId).metrics.record(tx, { ...fact, eventId: event.id });
  };
}

/** Runs effects one after another in the same transaction. */
const both =
  (...effects: Effect[]): Effect =>
  async (tx) => {
    for (const effect of effects) await effect(tx);
  };

/** Records the event's item in the activity feed (once per event), if its type makes one. */
function recordActivity(event: EventEnvelope): Effect {
  const activity = describeActivity(event);
  return async (tx) => {
    if (!activity) return;
    await createRepositories(event.tenantId).activity.record(tx, {
      id: event.id,
      type: event.type,
      module: activity.module,
      occurredAt: new Date(event.occurredAt),
      subjectId: event.subjectId,
      summary: activity.summary,
      amount: activity.amount?.amount ?? null,
      currency: activity.amount?.currency ?? null,
    });
  };
}

/** The projections behind the dashboard's figures, one per event type they read. */
const figureProjections: readonly Projection[] = [
  defineProjection({
    name: 'analytics-invoice-sent',
    type: 'invoicing.invoice.sent',
    plan: (event) =>
      both(
        mergeInvoice(event),
        recordFact(event, {
          metric: Metric.invoiced,
          sourceId: subjectUuid(event),
          occurredAt: new Date(event.data.issuedAt ?? event.occurredAt),
          currency: event.data.total.currency,
          value: amount(event, event.data.total, 'total'),
        }),
      ),
  }),
  defineProjection({
    name: 'analytics-invoice-payment',
    type: 'invoicing.invoice.payment_recorded',
    plan: (event) =>
      both(
        mergeInvoice(event),
        recordFact(event, {
          metric: Metric.paid,
          sourceId: uuid(event, event.data.paymentId, 'payment id'),
          occurredAt: new Date(event.data.paidAt),
          currency: event.data.payment.currency,
          value: amount(event, event.data.payment, 'payment'),
        }),
      ),
  }),
  defineProjection({ name: 'analytics-invoice-paid', type: 'invoicing.invoice.paid', plan: mergeInvoice }),
  defineProjection({ name: 'analytics-invoice-voided', type: 'invoicing.invoice.voided', plan: mergeInvoice }),
  defineProjection({
    name: 'analytics-credit-note-issued',
    type: 'invoicing.credit_note.issued',
    plan: (event) => {
      const credit = {
        creditNoteId: subjectUuid(event),
        invoiceId: uuid(event, event.data.invoiceId, 'invoice id'),
        currency: event.data.total.currency,
        amount: amount(event, event.data.total, 'total'),
        issuedAt: new Date(event.data.issuedAt),
        occurredAt: new Date(event.occurredAt),
      };
      return both(
        (tx) => createRepositories(event.tenantId).receivables.applyCredit(tx, credit),
        recordFact(event, {
          metric: Metric.credited,
          sourceId: credit.creditNoteId,
          occurredAt: credit.issuedAt,
          currency: credit.currency,
          value: credit.amount,
        }),
      );
    },
  }),
  defineProjection({ name: 'analytics-deal-created', type: 'crm.deal.created', plan: (event) => mergeDeal(event, event.data.stage, null) }),
  defineProjection({
    name: 'analytics-deal-stage-changed',
    type: 'crm.deal.stage_changed',
    plan: (event) => mergeDeal(event, event.data.to, null),
  }),
  defineProjection({
    name: 'analytics-deal-won',
    type: 'crm.deal.won',
    plan: (event) =>
      both(
        mergeDeal(event, 'WON', event.data.closedAt),
        recordFact(event, {
          metric: Metric.dealsWon,
          sourceId: subjectUuid(event),
          occurredAt: new Date(event.data.closedAt),
          currency: event.data.amount.currency,
          value: amount(event, event.data.amount, 'amount'),
        }),
      ),
  }),
  defineProjection({ name: 'analytics-deal-lost', type: 'crm.deal.lost', plan: (event) => mergeDeal(event, 'LOST', event.data.closedAt) }),
  defineProjection({ name: 'analytics-commission-accrued', type: 'payroll.commission.accrued', plan: mergeCommission }),
  defineProjection({ name: 'analytics-commission-payable', type: 'payroll.commission.payable', plan: mergeCommission }),
  defineProjection({ name: 'analytics-commission-paid', type: 'payroll.commission.paid', plan: mergeCommission }),
  defineProjection({
    name: 'analytics-pay-run-paid',
    type: 'payroll.pay_run.paid',
    plan: (event) =>
      recordFact(event, {
        metric: Metric.payrollCost,
        sourceId: subjectUuid(event),
        occurredAt: new Date(event.data.paidAt),
        currency: event.data.gross.currency,
        value: amount(event, event.data.gross, 'gross'),
      }),
  }),
  defineProjection({
    name: 'analytics-appointment-completed',
    type: 'booking.appointment.completed',
    plan: (event) =>
      recordFact(event, {
        metric: Metric.bookings,
        sourceId: subjectUuid(event),
        occurredAt: new Date(event.data.startsAt),
        currency: event.data.price.currency,
        value: amount(event, event.data.price, 'price'),
      }),
  }),
  defineProjection({
    name: 'analytics-order-placed',
    type: 'commerce.order.placed',
    plan: (event) =>
      recordFact(event, {
        metric: Metric.orders,
        sourceId: subjectUuid(event),
        occurredAt: new Date(event.data.placedAt),
        currency: event.data.total.currency,
        value: amount(event, event.data.total, 'total'),
      }),
  }),
  defineProjection({
    name: 'analytics-pos-sale',
    type: 'pos.sale.completed',
    plan: (event) =>
      recordFact(event, {
        metric: Metric.posSales,
        sourceId: subjectUuid(event),
        occurredAt: new Date(event.data.completedAt),
        currency: event.data.total.currency,
        value: amount(event, event.data.total, 'total'),
      }),
  }),
  defineProjection({
    name: 'analytics-fleet-cost',
    type: 'fleet.cost.recorded',
    plan: (event) =>
      recordFact(event, {
        metric: Metric.fleetCost,
        // One fact per fuel or maintenance log (the subject), however often its event arrives.
        sourceId: subjectUuid(event),
        occurredAt: new Date(`${event.data.day}T00:00:00.000Z`),
        currency: event.data.amount.currency,
        value: amount(event, event.data.amount, 'amount'),
      }),
  }),
];

/** Event types analytics reads for the activity feed alone (a durable consumer each: keep the list to notable events). */
const activityOnly: readonly { name: string; type: EventType }[] = [
  { name: 'analytics-activity-contact-created', type: 'crm.contact.created' },
  { name: 'analytics-activity-employee-hired', type: 'hr.employee.hired' },
  { name: 'analytics-activity-employee-terminated', type: 'hr.employee.terminated' },
  { name: 'analytics-activity-appointment-requested', type: 'booking.appointment.requested' },
  { name: 'analytics-activity-appointment-confirmed', type: 'booking.appointment.confirmed' },
  { name: 'analytics-activity-appointment-cancelled', type: 'booking.appointment.cancelled' },
  { name: 'analytics-activity-order-canceled', type: 'commerce.order.canceled' },
  { name: 'analytics-activity-sale-voided', type: 'pos.sale.voided' },
  { name: 'analytics-activity-project-created', type: 'projects.project.created' },
  { name: 'analytics-activity-project-status-changed', type: 'projects.project.status_changed' },
];

/** Every projection, one per event type analytics reads: its figures (if any), then its activity item. */
export const analyticsProjections: readonly Projection[] = [
  ...figureProjections.map((projection) => ({
    ...projection,
    plan: (event: EventEnvelope) => both(projection.plan(event), recordActivity(event)),
  })),
  ...activityOnly.map(({ name, type }) => ({ name, type, plan: recordActivity })),
];

/** The projection of an event type, if analytics reads it. */
export function projectionOf(type: string): Projection | undefined {
  return analyticsProjections.find((projection) => projection.type === type);
}
