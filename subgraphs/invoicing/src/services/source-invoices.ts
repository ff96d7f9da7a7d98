import { InvalidEventError } from '@tessera/events';
import { Decimal, type Money } from '@tessera/service-kit';
import type { InvoicingTx } from '../db.js';
import { MAX_DESCRIPTION_LENGTH, priceLines, type LineInput } from '../domain/lines.js';
import type { InvoicingEvents } from '../events/invoicing-events.js';
import type { NewDocument } from '../repositories/invoice-repository.js';
import type { Repositories } from '../repositories/index.js';

/** A won deal as invoicing needs it. */
export interface WonDeal {
  dealId: string;
  contactId: string;
  title: string;
  amount: Money;
}

/** A completed appointment as invoicing needs it. */
export interface CompletedAppointment {
  appointmentId: string;
  contactId: string;
  serviceName: string;
  price: Money;
  /** ISO 8601 instant (UTC). */
  startsAt: string;
}

/** A placed order as invoicing needs it (orders without a customer have no contact). */
export interface PlacedOrder {
  orderId: string;
  contactId: string | null;
  number: string;
  currency: string;
  lines: { name: string; sku: string; quantity: number; unitPrice: Money }[];
}

const line = (description: string, quantity: string, unitPrice: string): LineInput => ({
  description: description.slice(0, MAX_DESCRIPTION_LENGTH),
  quantity: new Decimal(quantity),
  unitPrice: new Decimal(unitPrice),
});

/**
 * The DRAFT invoices other modules' events raise: one per won deal, completed appointment or placed
 * order, whatever the number of deliveries (the source is locked, then looked up), in the
 * transaction the consumer is given.
 */
export class SourceInvoiceService {
  constructor(
    private readonly repositories: Repositories,
    private readonly events: InvoicingEvents,
  ) {}

  /** Deal won -> a DRAFT invoice for the deal's contact and amount, linked to the deal (none if the deal has any invoice). */
  async invoiceWonDeal(tx: InvoicingTx, deal: WonDeal): Promise<void> {
    const { invoices } = this.repositories;
    await invoices.lockSource(tx, `deal:${deal.dealId}`);
    if (await invoices.findInvoiceOfDeal(tx, deal.dealId)) return;
    await this.createDraft(
      tx,
      `deal ${deal.dealId}`,
      { contactId: deal.contactId, dealId: deal.dealId, currency: deal.amount.currency },
      [line(`Deal: ${deal.title}`, '1', deal.amount.amount)],
      ['deal'],
    );
  }

  /** Appointment completed -> a DRAFT invoice for the contact at the service's price. */
  async invoiceCompletedAppointment(tx: InvoicingTx, appointment: CompletedAppointment): Promise<void> {
    const when = `${appointment.startsAt.slice(0, 16).replace('T', ' ')} UTC`;
    await this.invoiceSource(tx, 'APPOINTMENT', appointment.appointmentId, appointment.contactId, appointment.price.currency, [
      line(`${appointment.serviceName} (${when})`, '1', appointment.price.amount),
    ]);
  }

  /** Order placed with a customer -> a DRAFT invoice with the order's lines; an order without a contact is not invoiced. */
  async invoicePlacedOrder(tx: InvoicingTx, order: PlacedOrder): Promise<void> {
    if (!order.contactId) return;
    await this.invoiceSource(
      tx,
      'ORDER',
      order.orderId,
      order.contactId,
      order.currency,
      order.lines.map((item) => line(`${order.number}: ${item.name} (${item.sku})`, String(item.quantity), item.unitPrice.amount)),
    );
  }

  private async invoiceSource(
    tx: InvoicingTx,
    sourceKind: 'APPOINTMENT' | 'ORDER',
    sourceId: string,
    contactId: string,
    currency: string,
    lines: LineInput[],
  ): Promise<void> {
    const { invoices } = this.repositories;
    await invoices.lockSource(tx, `${sourceKind}:${sourceId}`);
    if (await invoices.findInvoiceOfSource(tx, sourceKind, sourceId)) return;
    await this.createDraft(tx, `${sourceKind} ${sourceId}`, { contactId, currency, sourceKind, sourceId }, lines, ['lines']);
  }

  /** Prices the lines and stores the draft with its created event; lines invoicing cannot price make the event invalid (never retried). */
  private async createDraft(
    tx: InvoicingTx,
    source: string,
    document: Pick<NewDocument, 'contactId' | 'dealId' | 'currency' | 'sourceKind' | 'sourceId'>,
    lines: LineInput[],
    path: string[],
  ): Promise<void> {
    const priced = priceLines(lines, document.currency, path);
    if (!priced.ok) throw new InvalidEventError(`${source} cannot be invoiced: ${priced.errors.map((error) => error.message).join('; ')}`);
    const invoice = await this.repositories.invoices.create(
      tx,
      { kind: 'INVOICE', status: 'DRAFT', dueDate: null, ...document },
      priced.value.lines,
      priced.value.totals,
    );
    await this.events.invoiceCreated(tx, invoice);
  }
}
