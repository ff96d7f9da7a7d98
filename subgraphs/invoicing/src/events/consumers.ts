/**
 * What invoicing does when other modules' events arrive. Each handler runs in a transaction bound to
 * the event's tenant, in which the consumer framework has already recorded the event in the inbox.
 */
import { TenantScope } from '@tessera/prisma';
import { Decimal } from '@tessera/service-kit';
import { defineConsumer, InvalidEventError, type ConsumerDefinition, type Outbox } from '@tessera/events';
import type { InvoicingDb, InvoicingTx } from '../db.js';
import { priceLines } from '../domain/lines.js';
import { InvoiceRepository } from '../repositories/invoice-repository.js';
import { InvoicingEvents } from './invoicing-events.js';

export interface InvoicingConsumerDeps {
  db: InvoicingDb;
  outbox: Outbox;
}

/** The longest line description invoicing accepts (a deal title can be longer). */
const MAX_DESCRIPTION = 500;

export function invoicingConsumers(deps: InvoicingConsumerDeps): ConsumerDefinition<InvoicingTx>[] {
  const events = new InvoicingEvents(deps.outbox);
  const consumers = [
    /**
     * Deal won -> a DRAFT invoice for the deal's contact and amount, linked to the deal. One per
     * deal: the inbox stops a redelivered event, and an existing invoice for the deal stops a
     * second one whatever the cause.
     */
    defineConsumer<InvoicingTx, 'crm.deal.won'>({
      name: 'invoicing-deal-invoice',
      type: 'crm.deal.won',
      async handle(tx, event) {
        const invoices = new InvoiceRepository(new TenantScope<InvoicingTx>(deps.db, event.tenantId));
        // One invoice per deal, also against another transaction invoicing the same deal right now.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`invoice-of-deal:${event.tenantId}:${event.subjectId}`}))`;
        if (await invoices.findInvoiceOfDeal(tx, event.subjectId)) return;
        const { currency, amount } = event.data.amount;
        const priced = priceLines(
          [
            {
              description: `Deal: ${event.data.title}`.slice(0, MAX_DESCRIPTION),
              quantity: new Decimal(1),
              unitPrice: new Decimal(amount),
            },
          ],
          currency,
          ['deal'],
        );
        if (!priced.ok)
          throw new Error(`deal ${event.subjectId} cannot be invoiced: ${priced.userErrors.map((e) => e.message).join('; ')}`);
        const invoice = await invoices.create(
          tx,
          { kind: 'INVOICE', status: 'DRAFT', contactId: event.data.contactId, dealId: event.subjectId, currency, dueDate: null },
          priced.lines,
          priced.totals,
        );
        await events.invoice(tx, 'invoicing.invoice.created', invoice);
      },
    }),

    /** Appointment completed -> a DRAFT invoice for the contact at the service's price. One per appointment. */
    defineConsumer<InvoicingTx, 'booking.appointment.completed'>({
      name: 'invoicing-appointment-invoice',
      type: 'booking.appointment.completed',
      async handle(tx, event) {
        const { contactId, serviceName, price, startsAt } = event.data;
        await invoiceSource(tx, event.tenantId, 'APPOINTMENT', event.subjectId, contactId, price.currency, [
          { description: `${serviceName} (${startsAt.slice(0, 16).replace('T', ' ')} UTC)`, quantity: '1', unitPrice: price.amount },
        ]);
      },
    }),

    /** Order placed with a customer -> a DRAFT invoice with the order's lines. One per order; orders without a contact are not invoiced. */
    defineConsumer<InvoicingTx, 'commerce.order.placed'>({
      name: 'invoicing-order-invoice',
      type: 'commerce.order.placed',
      async handle(tx, event) {
        const { contactId, number, currency, lines } = event.data;
        if (!contactId) return;
        await invoiceSource(
          tx,
          event.tenantId,
          'ORDER',
          event.subjectId,
          contactId,
          currency,
          lines.map((line) => ({
            description: `${number}: ${line.name} (${line.sku})`,
            quantity: String(line.quantity),
            unitPrice: line.unitPrice.amount,
          })),
        );
      },
    }),
  ];
  return consumers;

  /** Creates the DRAFT invoice of an appointment or order unless it has one (locked per source, unique in the database). */
  async function invoiceSource(
    tx: InvoicingTx,
    tenantId: string,
    sourceKind: 'APPOINTMENT' | 'ORDER',
    sourceId: string,
    contactId: string,
    currency: string,
    lines: { description: string; quantity: string; unitPrice: string }[],
  ): Promise<void> {
    const invoices = new InvoiceRepository(new TenantScope<InvoicingTx>(deps.db, tenantId));
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`invoice-of-source:${tenantId}:${sourceKind}:${sourceId}`}))`;
    if (await invoices.findInvoiceOfSource(tx, sourceKind, sourceId)) return;
    const priced = priceLines(
      lines.map((line) => ({
        description: line.description.slice(0, MAX_DESCRIPTION),
        quantity: new Decimal(line.quantity),
        unitPrice: new Decimal(line.unitPrice),
      })),
      currency,
      ['lines'],
    );
    if (!priced.ok)
      throw new InvalidEventError(`${sourceKind} ${sourceId} cannot be invoiced: ${priced.userErrors.map((e) => e.message).join('; ')}`);
    const invoice = await invoices.create(
      tx,
      { kind: 'INVOICE', status: 'DRAFT', contactId, currency, dueDate: null, sourceKind, sourceId },
      priced.lines,
      priced.totals,
    );
    await events.invoice(tx, 'invoicing.invoice.created', invoice);
  }
}
