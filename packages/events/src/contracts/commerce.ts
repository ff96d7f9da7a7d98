/** The commerce module's event contracts (subjectId: the entity the event is about). */
import { z } from 'zod';
import { currency, instant, money, uuid } from './shared.js';

const orderStatus = z.enum(['UNCONFIRMED', 'UNFULFILLED', 'PARTIALLY_FULFILLED', 'FULFILLED', 'CANCELED', 'RETURNED']);
const stockMovementKind = z.enum(['RECEIVED', 'SOLD', 'RESERVED', 'RELEASED', 'ADJUSTED', 'RETURNED', 'TRANSFERRED']);

/** One line of an order as it was placed. */
const orderLine = z.object({
  variantId: uuid,
  sku: z.string(),
  /** Product and variant name, e.g. "T-shirt / M red". */
  name: z.string(),
  quantity: z.number().int().positive(),
  unitPrice: money,
  lineTotal: money,
});

/** An order as every later order event describes it (subjectId is the order id). */
const orderFacts = z.object({
  contactId: uuid.nullable(),
  /** The gap-free per-tenant order number, e.g. ORD-000123. */
  number: z.string(),
  status: orderStatus,
  currency,
  total: money,
  /** The stock location the order's stock is reserved at. */
  locationId: uuid,
});

export const commerceEvents = {
  /**
   * A variant was added or its prices changed (subjectId is the variant id): what a till needs to sell
   * it at the catalogue's price. `prices` is the whole current list, one per currency; `revision`
   * (the variant's last change) orders the events of one variant.
   */
  'commerce.variant.changed': {
    version: 1,
    data: z.object({
      productId: uuid,
      sku: z.string(),
      /** Product and variant name, e.g. "T-shirt / M red". */
      name: z.string(),
      prices: z.array(money),
      revision: instant,
    }),
  },
  /** An order was placed and its stock reserved (status UNCONFIRMED). Invoicing invoices it; analytics counts it. */
  'commerce.order.placed': {
    version: 1,
    data: orderFacts.extend({ lines: z.array(orderLine).min(1), placedAt: instant }),
  },
  /** Every line of the order is fulfilled (its reservations became SOLD movements). */
  'commerce.order.fulfilled': { version: 1, data: orderFacts.extend({ fulfilledAt: instant }) },
  /** The order was canceled before fulfilment; its reservations were released. */
  'commerce.order.canceled': { version: 1, data: orderFacts.extend({ canceledAt: instant }) },
  /** The fulfilled order came back; its stock was returned to its location. */
  'commerce.order.returned': { version: 1, data: orderFacts.extend({ returnedAt: instant }) },
  /**
   * Stock moved (subjectId is the movement id). quantity is the movement's size: positive, except for
   * ADJUSTED and TRANSFERRED where a negative quantity takes stock away.
   */
  /** A stock location was created (subjectId is the location id): what a till needs to sell from it. */
  'commerce.location.created': {
    version: 1,
    data: z.object({ name: z.string(), kind: z.enum(['WAREHOUSE', 'SHOP']) }),
  },
  'commerce.stock.moved': {
    version: 1,
    data: z.object({
      variantId: uuid,
      sku: z.string(),
      locationId: uuid,
      kind: stockMovementKind,
      quantity: z.number().int(),
      /** The effect on the on-hand and reserved quantities. */
      onHandChange: z.number().int(),
      reservedChange: z.number().int(),
      /** The order that caused it, if any. */
      orderId: uuid.nullable(),
      movedAt: instant,
    }),
  },
} as const;
