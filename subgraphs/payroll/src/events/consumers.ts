import { defineConsumer, type ConsumerDefinition, type EventData, type EventEnvelope, type Outbox } from '@tessera/events';
import { isUuid } from '@tessera/service-kit';
import type { PayrollTx } from '../db.js';
import { createRepositories } from '../repositories/index.js';
import { CommissionAccrual } from '../services/commission-accrual.js';
import { PayrollEvents } from '../services/events.js';
import { PayProfileSync } from '../services/pay-profile-sync.js';

export interface PayrollConsumerDeps {
  /** Payroll's outbox: the commission events the handlers record. */
  outbox: Outbox;
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** The event's subject id, which must be a UUID (an employee, deal or invoice id). */
function subjectUuid(event: EventEnvelope): string {
  if (!isUuid(event.subjectId)) throw new Error(`${event.type} ${event.id}: subjectId ${event.subjectId} is not a UUID`);
  return event.subjectId;
}

/**
 * What every hr.employee.* event says of the employee, as the pay profile keeps it. Ordered by
 * HR's revision, never by the envelope's occurredAt (the recording host's clock).
 */
function employeeFacts(data: EventData<'hr.employee.hired'>) {
  return { revision: data.revision, name: data.name, email: data.email, salary: data.salary, hiredOn: day(data.hiredAt) };
}

/** Everything a handler needs, bound to the event's tenant (never another). */
function forEvent(event: EventEnvelope, deps: PayrollConsumerDeps) {
  const repositories = createRepositories(event.tenantId);
  return {
    profiles: new PayProfileSync(repositories.profiles),
    commissions: new CommissionAccrual(repositories, new PayrollEvents(deps.outbox, event.tenantId, event.traceparent)),
  };
}

/**
 * Payroll's reactions to other modules' events, one durable consumer each. Each handler runs in a
 * transaction already bound to `event.tenantId` (the inbox makes redelivery harmless; the unique
 * constraints make the effects idempotent anyway).
 */
export function payrollConsumers(deps: PayrollConsumerDeps): ConsumerDefinition<PayrollTx>[] {
  return [
    defineConsumer<PayrollTx, 'hr.employee.hired'>({
      name: 'payroll-employee-hired',
      type: 'hr.employee.hired',
      handle: (tx, event) => forEvent(event, deps).profiles.apply(tx, subjectUuid(event), { kind: 'hired', ...employeeFacts(event.data) }),
    }),
    defineConsumer<PayrollTx, 'hr.employee.updated'>({
      name: 'payroll-employee-updated',
      type: 'hr.employee.updated',
      handle: (tx, event) =>
        forEvent(event, deps).profiles.apply(tx, subjectUuid(event), {
          kind: 'updated',
          ...employeeFacts(event.data),
          status: event.data.status,
          terminatedOn: event.data.terminatedAt === null ? null : day(event.data.terminatedAt),
        }),
    }),
    defineConsumer<PayrollTx, 'hr.employee.terminated'>({
      name: 'payroll-employee-terminated',
      type: 'hr.employee.terminated',
      handle: (tx, event) =>
        forEvent(event, deps).profiles.apply(tx, subjectUuid(event), {
          kind: 'terminated',
          ...employeeFacts(event.data),
          terminatedOn: day(event.data.terminatedAt),
        }),
    }),
    defineConsumer<PayrollTx, 'crm.deal.won'>({
      name: 'payroll-commission-accrual',
      type: 'crm.deal.won',
      handle: (tx, event) =>
        forEvent(event, deps).commissions.dealWon(tx, {
          dealId: subjectUuid(event),
          ownerId: event.data.ownerId,
          amount: event.data.amount,
          closedAt: new Date(event.data.closedAt),
        }),
    }),
    defineConsumer<PayrollTx, 'invoicing.invoice.paid'>({
      name: 'payroll-commission-payable',
      type: 'invoicing.invoice.paid',
      handle: (tx, event) =>
        forEvent(event, deps).commissions.invoicePaid(tx, {
          invoiceId: subjectUuid(event),
          dealId: event.data.dealId,
          paidAt: new Date(event.data.paidAt),
        }),
    }),
  ];
}
