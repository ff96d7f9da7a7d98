import { defineConsumer, subjectUuid, type ConsumerDefinition, type EventData, type Outbox } from '@tessera/events';
import type { PayrollTx } from '../db.js';
import { createRepositories } from '../repositories/index.js';
import { CommissionAccrual } from '../services/commission-accrual.js';
import { PayProfileSync } from '../services/pay-profile-sync.js';
import { PayrollEvents } from './payroll-events.js';

export interface PayrollConsumerDeps {
  /** Payroll's outbox: the commission events the handlers record. */
  outbox: Outbox;
}

/** A day of an event ("2026-11-21") as the Date the pay profile keeps (midnight UTC). */
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/**
 * What every hr.employee.* event says of the employee, as the pay profile keeps it. Ordered by
 * HR's revision, never by the envelope's occurredAt (the recording host's clock).
 */
function employeeFacts(data: EventData<'hr.employee.hired'>) {
  return { revision: data.revision, name: data.name, email: data.email, salary: data.salary, hiredOn: day(data.hiredAt) };
}

/** The services a handler calls, bound to the event's tenant (never another). */
function forTenant(tenantId: string, deps: PayrollConsumerDeps) {
  const repositories = createRepositories(tenantId);
  return {
    profiles: new PayProfileSync(repositories.profiles),
    commissions: new CommissionAccrual(repositories, new PayrollEvents(deps.outbox, tenantId)),
  };
}

/**
 * Payroll's reactions to other modules' events, one durable consumer each, thin: each maps the event
 * to a service call in the transaction the event framework opened for the event's tenant (with its
 * inbox row, so a redelivery has no second effect; the unique constraints make the effects
 * idempotent anyway). A subject id that is not a UUID is a malformed event (InvalidEventError).
 */
export function payrollConsumers(deps: PayrollConsumerDeps): ConsumerDefinition<PayrollTx>[] {
  return [
    defineConsumer<PayrollTx, 'hr.employee.hired'>({
      name: 'payroll-employee-hired',
      type: 'hr.employee.hired',
      handle: (tx, event) =>
        forTenant(event.tenantId, deps).profiles.apply(tx, subjectUuid(event), { kind: 'hired', ...employeeFacts(event.data) }),
    }),
    defineConsumer<PayrollTx, 'hr.employee.updated'>({
      name: 'payroll-employee-updated',
      type: 'hr.employee.updated',
      handle: (tx, event) =>
        forTenant(event.tenantId, deps).profiles.apply(tx, subjectUuid(event), {
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
        forTenant(event.tenantId, deps).profiles.apply(tx, subjectUuid(event), {
          kind: 'terminated',
          ...employeeFacts(event.data),
          terminatedOn: day(event.data.terminatedAt),
        }),
    }),
    defineConsumer<PayrollTx, 'crm.deal.won'>({
      name: 'payroll-commission-accrual',
      type: 'crm.deal.won',
      handle: (tx, event) =>
        forTenant(event.tenantId, deps).commissions.dealWon(tx, {
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
        forTenant(event.tenantId, deps).commissions.invoicePaid(tx, {
          invoiceId: subjectUuid(event),
          dealId: event.data.dealId,
          paidAt: new Date(event.data.paidAt),
        }),
    }),
  ];
}
