import type { EventEnvelope, Outbox, SqlExecutor } from '@tessera/events';
import { money } from '@tessera/service-kit';
import type { Order, OrderLine, Product, StockLocation, StockMovement, Variant, VariantPrice } from '../generated/prisma/client.js';

/** The facts every order event carries. */
export const orderFacts = (order: Order) => ({
  contactId: order.contactId,
  number: order.number,
  status: order.status,
  currency: order.currency,
  total: money(order.total.toFixed(), order.currency),
  locationId: order.locationId,
});

/** The payload of `commerce.order.placed`. */
export const orderPlacedData = (order: Order, lines: OrderLine[]) => ({
  ...orderFacts(order),
  lines: lines.map((line) => ({
    variantId: line.variantId,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPrice: money(line.unitPrice.toFixed(), order.currency),
    lineTotal: money(line.lineTotal.toFixed(), order.currency),
  })),
  placedAt: order.createdAt.toISOString(),
});

/** The payload of `commerce.order.fulfilled`. */
export const orderFulfilledData = (order: Order) => ({ ...orderFacts(order), fulfilledAt: order.fulfilledAt!.toISOString() });

/** The payload of `commerce.order.canceled`. */
export const orderCanceledData = (order: Order) => ({ ...orderFacts(order), canceledAt: order.canceledAt!.toISOString() });

/** The payload of `commerce.order.returned`. */
export const orderReturnedData = (order: Order) => ({ ...orderFacts(order), returnedAt: order.returnedAt!.toISOString() });

/** The payload of `commerce.stock.moved` for a movement of the variant with this SKU. */
export const stockMovedData = (movement: StockMovement, sku: string) => ({
  variantId: movement.variantId,
  sku,
  locationId: movement.locationId,
  kind: movement.kind,
  quantity: movement.quantity,
  onHandChange: movement.onHandChange,
  reservedChange: movement.reservedChange,
  orderId: movement.orderId,
  movedAt: movement.createdAt.toISOString(),
});

/** The payload of `commerce.variant.changed`: the variant as a till sells it, with all its current prices. */
export const variantChangedData = (product: Product, variant: Variant, prices: VariantPrice[]) => ({
  productId: product.id,
  sku: variant.sku,
  name: `${product.name} / ${variant.name}`,
  prices: prices.map((price) => money(price.amount.toFixed(), price.currency)),
  revision: variant.updatedAt.toISOString(),
});

/** Records commerce's events in the outbox, in the transaction of the change (the outbox adds the active trace). */
export class CommerceEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
  ) {}

  orderPlaced(tx: SqlExecutor, order: Order, lines: OrderLine[]): Promise<EventEnvelope<'commerce.order.placed'>> {
    return this.outbox.record(tx, {
      type: 'commerce.order.placed',
      tenantId: this.tenantId,
      subjectId: order.id,
      data: orderPlacedData(order, lines),
    });
  }

  orderFulfilled(tx: SqlExecutor, order: Order): Promise<EventEnvelope<'commerce.order.fulfilled'>> {
    return this.outbox.record(tx, {
      type: 'commerce.order.fulfilled',
      tenantId: this.tenantId,
      subjectId: order.id,
      data: orderFulfilledData(order),
    });
  }

  orderCanceled(tx: SqlExecutor, order: Order): Promise<EventEnvelope<'commerce.order.canceled'>> {
    return this.outbox.record(tx, {
      type: 'commerce.order.canceled',
      tenantId: this.tenantId,
      subjectId: order.id,
      data: orderCanceledData(order),
    });
  }

  orderReturned(tx: SqlExecutor, order: Order): Promise<EventEnvelope<'commerce.order.returned'>> {
    return this.outbox.record(tx, {
      type: 'commerce.order.returned',
      tenantId: this.tenantId,
      subjectId: order.id,
      data: orderReturnedData(order),
    });
  }

  variantChanged(
    tx: SqlExecutor,
    product: Product,
    variant: Variant,
    prices: VariantPrice[],
  ): Promise<EventEnvelope<'commerce.variant.changed'>> {
    return this.outbox.record(tx, {
      type: 'commerce.variant.changed',
      tenantId: this.tenantId,
      subjectId: variant.id,
      data: variantChangedData(product, variant, prices),
    });
  }

  locationCreated(tx: SqlExecutor, location: StockLocation): Promise<EventEnvelope<'commerce.location.created'>> {
    return this.outbox.record(tx, {
      type: 'commerce.location.created',
      tenantId: this.tenantId,
      subjectId: location.id,
      data: { name: location.name, kind: location.kind },
    });
  }

  stockMoved(tx: SqlExecutor, movement: StockMovement, sku: string): Promise<EventEnvelope<'commerce.stock.moved'>> {
    return this.outbox.record(tx, {
      type: 'commerce.stock.moved',
      tenantId: this.tenantId,
      subjectId: movement.id,
      data: stockMovedData(movement, sku),
    });
  }
}
