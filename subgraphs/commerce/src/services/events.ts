import type { Outbox } from '@tessera/events';
import { money } from '@tessera/service-kit';
import type { Order, OrderLine, StockMovement } from '../generated/prisma/client.js';
import type { CommerceTx } from '../db.js';

/** Records commerce's domain events in the outbox, inside the transaction of the change. */
export class CommerceEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
    private readonly traceparent: string | null = null,
  ) {}

  private facts(order: Order) {
    return {
      contactId: order.contactId,
      number: order.number,
      status: order.status,
      currency: order.currency,
      total: money(order.total.toFixed(), order.currency),
      locationId: order.locationId,
    };
  }

  async orderPlaced(tx: CommerceTx, order: Order, lines: OrderLine[]): Promise<void> {
    await this.outbox.record(tx, {
      type: 'commerce.order.placed',
      tenantId: this.tenantId,
      subjectId: order.id,
      traceparent: this.traceparent,
      data: {
        ...this.facts(order),
        lines: lines.map((line) => ({
          variantId: line.variantId,
          sku: line.sku,
          name: line.name,
          quantity: line.quantity,
          unitPrice: money(line.unitPrice.toFixed(), order.currency),
          lineTotal: money(line.lineTotal.toFixed(), order.currency),
        })),
        placedAt: order.createdAt.toISOString(),
      },
    });
  }

  async orderFulfilled(tx: CommerceTx, order: Order): Promise<void> {
    await this.outbox.record(tx, {
      type: 'commerce.order.fulfilled',
      tenantId: this.tenantId,
      subjectId: order.id,
      traceparent: this.traceparent,
      data: { ...this.facts(order), fulfilledAt: order.fulfilledAt!.toISOString() },
    });
  }

  async orderCanceled(tx: CommerceTx, order: Order): Promise<void> {
    await this.outbox.record(tx, {
      type: 'commerce.order.canceled',
      tenantId: this.tenantId,
      subjectId: order.id,
      traceparent: this.traceparent,
      data: { ...this.facts(order), canceledAt: order.canceledAt!.toISOString() },
    });
  }

  async orderReturned(tx: CommerceTx, order: Order): Promise<void> {
    await this.outbox.record(tx, {
      type: 'commerce.order.returned',
      tenantId: this.tenantId,
      subjectId: order.id,
      traceparent: this.traceparent,
      data: { ...this.facts(order), returnedAt: order.returnedAt!.toISOString() },
    });
  }

  async stockMoved(tx: CommerceTx, movement: StockMovement, sku: string): Promise<void> {
    await this.outbox.record(tx, {
      type: 'commerce.stock.moved',
      tenantId: this.tenantId,
      subjectId: movement.id,
      traceparent: this.traceparent,
      data: {
        variantId: movement.variantId,
        sku,
        locationId: movement.locationId,
        kind: movement.kind,
        quantity: movement.quantity,
        onHandChange: movement.onHandChange,
        reservedChange: movement.reservedChange,
        orderId: movement.orderId,
        movedAt: movement.createdAt.toISOString(),
      },
    });
  }
}
