/** The pos module's event contracts (subjectId: the entity the event is about). */
import { z } from 'zod';
import { currency, instant, money, uuid } from './shared.js';

const quantity = z.number().int().positive();
const paymentMethod = z.enum(['CASH', 'CARD']);

/** One line of a till sale as every sale event describes it. */
const saleLine = z.object({
  /** A commerce variant id (accepted as given by POS). */
  variantId: uuid,
  sku: z.string(),
  name: z.string(),
  quantity,
  /** Price of one unit before the line discount. */
  unitPrice: money,
  /** quantity x unitPrice - discount, rounded half-up to the currency's minor unit. */
  lineTotal: money,
});

/** A sale as every sale event describes it (subjectId is the sale id). */
const saleFacts = z.object({
  registerId: uuid,
  sessionId: uuid,
  /** The commerce stock location of the register (accepted as given by POS). */
  locationId: uuid,
  /** Gap-free per register, e.g. R1-000042. */
  receiptNumber: z.string(),
  currency,
  lines: z.array(saleLine).min(1),
  total: money,
  /** What was tendered, by method (cash may exceed the total: see change). */
  payments: z.array(z.object({ method: paymentMethod, amount: money })).min(1),
  /** Cash handed back to the customer. */
  change: money,
  completedAt: instant,
});

export const posEvents = {
  /** A till sale was completed (commerce takes the stock out of locationId, analytics counts it). */
  'pos.sale.completed': { version: 1, data: saleFacts },
  /** A completed sale was voided in its still-open session: reverse everything sale.completed did. */
  'pos.sale.voided': { version: 1, data: saleFacts.extend({ voidedAt: instant }) },
  /** A register session was closed and its cash reconciled (subjectId is the session id). */
  'pos.session.closed': {
    version: 1,
    data: z.object({
      registerId: uuid,
      locationId: uuid,
      openingFloat: money,
      /** Cash the drawer should hold: openingFloat + cash payments - change given - cash refunds of voids. */
      expected: money,
      counted: money,
      /** counted - expected: positive is over, negative is short. */
      difference: money,
      saleCount: z.number().int().nonnegative(),
      openedAt: instant,
      closedAt: instant,
    }),
  },
} as const;
