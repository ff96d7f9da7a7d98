/**
 * Invoicing's consumers: thin, each maps the event to a service call in the transaction the event
 * framework opened for the event's tenant (with its inbox row, so a redelivery has no second effect).
 */
import { defineConsumer, subjectUuid, type ConsumerDefinition, type Outbox } from '@tessera/events';
import type { InvoicingTx } from '../db.js';
import { createRepositories } from '../repositories/index.js';
import { SourceInvoiceService } from '../services/source-invoices.js';
import { InvoicingEvents } from './invoicing-events.js';

export interface InvoicingConsumerDeps {
  outbox: Outbox;
}

/** The services a consumer calls, bound to the event's tenant. */
const forTenant = (tenantId: string, deps: InvoicingConsumerDeps) =>
  new SourceInvoiceService(createRepositories(tenantId), new InvoicingEvents(deps.outbox, tenantId));

export function invoicingConsumers(deps: InvoicingConsumerDeps): ConsumerDefinition<InvoicingTx>[] {
  return [
    defineConsumer<InvoicingTx, 'crm.deal.won'>({
      name: 'invoicing-deal-invoice',
      type: 'crm.deal.won',
      handle: (tx, event) =>
        forTenant(event.tenantId, deps).invoiceWonDeal(tx, {
          dealId: subjectUuid(event),
          contactId: event.data.contactId,
          title: event.data.title,
          amount: event.data.amount,
        }),
    }),
    defineConsumer<InvoicingTx, 'booking.appointment.completed'>({
      name: 'invoicing-appointment-invoice',
      type: 'booking.appointment.completed',
      handle: (tx, event) =>
        forTenant(event.tenantId, deps).invoiceCompletedAppointment(tx, {
          appointmentId: subjectUuid(event),
          contactId: event.data.contactId,
          serviceName: event.data.serviceName,
          price: event.data.price,
          startsAt: event.data.startsAt,
        }),
    }),
    defineConsumer<InvoicingTx, 'commerce.order.placed'>({
      name: 'invoicing-order-invoice',
      type: 'commerce.order.placed',
      handle: (tx, event) =>
        forTenant(event.tenantId, deps).invoicePlacedOrder(tx, {
          orderId: subjectUuid(event),
          contactId: event.data.contactId,
          number: event.data.number,
          currency: event.data.currency,
          lines: event.data.lines,
        }),
    }),
  ];
}
