/**
 * The ordering rules of the "as of now" read models. Events of one invoice, deal or commission reach
 * analytics through different consumers, so they can arrive in any order, late or twice; each row
 * keeps the furthest state it has seen, by rules that do not depend on arrival order:
 * - invoices and commissions only move forward in their lifecycle: a status replaces the stored one
 *   only when its rank is higher (once PAID or VOID, an older SENT never reopens the invoice), and
 *   amounts that only grow (amountPaid) keep their maximum;
 * - deals may move back and forth between open stages, so between open stages the newest event wins
 *   (occurredAt, then the event kind, then the event id to settle exact ties), but a final stage (WON,
 *   LOST) always beats an open one whatever the clocks say.
 * Applying the same events in any order therefore gives the same rows, which is what lets the
 * rebuild (stream order) and the live consumers (arrival order) agree.
 */
import type { EventData, EventType } from '@tessera/events';

export type InvoiceStatus = EventData<'invoicing.invoice.sent'>['status'];
export type CommissionStatus = EventData<'payroll.commission.accrued'>['status'];
export type DealStage = EventData<'crm.deal.created'>['stage'];

/** The statuses a sent invoice can have, in lifecycle order (DRAFT invoices are not receivables). */
export const INVOICE_STATUS_RANK: Readonly<Record<Exclude<InvoiceStatus, 'DRAFT'>, number>> = {
  SENT: 1,
  OVERDUE: 2,
  PARTIALLY_PAID: 3,
  PAID: 4,
  VOID: 5,
};

/** Invoices with something that may still be due. */
export const OPEN_INVOICE_STATUSES: readonly InvoiceStatus[] = ['SENT', 'OVERDUE', 'PARTIALLY_PAID'];

/** The rank of an invoice status; null for DRAFT, which analytics does not track. */
export function invoiceStatusRank(status: InvoiceStatus): number | null {
  return status === 'DRAFT' ? null : INVOICE_STATUS_RANK[status];
}

export const COMMISSION_STATUS_RANK: Readonly<Record<CommissionStatus, number>> = { ACCRUED: 1, PAYABLE: 2, PAID: 3 };

/** Commissions earned and not yet paid. */
export const OWED_COMMISSION_STATUSES: readonly CommissionStatus[] = ['ACCRUED', 'PAYABLE'];

/** The open stages, in pipeline order. */
export const OPEN_DEAL_STAGES: readonly DealStage[] = ['LEAD', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION'];

export function isFinalStage(stage: DealStage): boolean {
  return stage === 'WON' || stage === 'LOST';
}

type DealEventType = Extract<EventType, `crm.deal.${string}`>;

/** Between events of a deal with the same occurredAt: a stage change is newer than the creation. */
const DEAL_EVENT_RANK: Readonly<Record<DealEventType, number>> = {
  'crm.deal.created': 0,
  'crm.deal.stage_changed': 1,
  'crm.deal.won': 2,
  'crm.deal.lost': 2,
};

/**
 * The version of a deal event: rows keep the event with the greatest version, compared as the tuple
 * (closed, at, rank, eventId) in that order; the repository compares it in SQL, in the same statement
 * as the write, so concurrent events of one deal cannot interleave.
 */
export interface DealVersion {
  closed: boolean;
  at: Date;
  rank: number;
  eventId: string;
}

export function dealVersion(type: DealEventType, stage: DealStage, occurredAt: string, eventId: string): DealVersion {
  return { closed: isFinalStage(stage), at: new Date(occurredAt), rank: DEAL_EVENT_RANK[type], eventId };
}
