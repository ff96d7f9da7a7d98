import type { TenantScope } from '@tessera/prisma';
import { type Connection, Decimal, errorsOf, isUuid, listOrChanges, type References, type UserError } from '@tessera/service-kit';
import type { Order, OrderLine, OrderStatus, StockLevel } from '../generated/prisma/client.js';
import type { FulfillOrderInput, OrderIdInput, PlaceOrderInput, QueryOrdersArgs } from '../generated/graphql.js';
import type { CommerceTx } from '../db.js';
import type { CommerceLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import { notFound, orderNotFound, refuse } from '../errors.js';
import { checkCurrency, checkQuantity } from '../domain/fields.js';
import { allows, orderNumber, planFulfilment, statusAfterFulfilment, type OrderTransition } from '../domain/order-rules.js';
import type { CommerceEvents } from '../events/commerce-events.js';
import { idFilter } from './listing.js';

export interface OrderPayload {
  order: Order | null;
  userErrors: UserError[];
}

export const MAX_LINES = 100;
export const MAX_LINE_UNITS = 10_000;

const levelKey = (variantId: string, locationId: string) => `${variantId}|${locationId}`;
const available = (level: StockLevel | undefined) => (level ? level.onHand - level.reserved : 0);
type Refusal = { refused: UserError[] };

/** Orders: placing (reserving stock), confirming, fulfilling, canceling and returning them. */
export class OrderService {
  constructor(
    private readonly scope: TenantScope<CommerceTx>,
    private readonly r: Repositories,
    private readonly loaders: CommerceLoaders,
    private readonly events: CommerceEvents,
    private readonly now: () => Date,
    private readonly references: References,
  ) {}

  get = (id: string) => this.loaders.orderById.load(id);

  list(args: QueryOrdersArgs): Promise<Connection<Order>> {
    const filter = { statuses: args.filter?.status ? [...new Set(args.filter.status)] : null, contactId: idFilter(args.filter?.contactId) };
    return listOrChanges(args, this.scope, (tx, window) => this.r.orders.page(tx, window, filter));
  }

  /** Places an order and reserves its stock at one location, or refuses and changes nothing. */
  async place(input: PlaceOrderInput): Promise<OrderPayload> {
    const currency = checkCurrency(input.currency, ['input', 'currency']);
    const quantities = input.lines.map((line, i) =>
      checkQuantity(line.quantity, ['input', 'lines', String(i), 'quantity'], 1, MAX_LINE_UNITS),
    );
    const errors: UserError[] = errorsOf(currency, ...quantities);
    if (input.contactId != null && !isUuid(input.contactId))
      errors.push(refuse('INVALID', 'The contact id must be a UUID', ['input', 'contactId']));
    if (input.locationId != null && !isUuid(input.locationId)) {
      errors.push(notFound('stock location', ['input', 'locationId']));
    }
    if (input.lines.length === 0 || input.lines.length > MAX_LINES) {
      errors.push(refuse('INVALID', `An order has 1 to ${MAX_LINES} lines`, ['input', 'lines']));
    }
    const seen = new Set<string>();
    input.lines.forEach((line, i) => {
      const field = ['input', 'lines', String(i), 'variantId'];
      if (!isUuid(line.variantId)) errors.push(notFound('variant', field));
      else if (seen.has(line.variantId)) errors.push(refuse('INVALID', 'Each variant at most once per order', field));
      seen.add(line.variantId);
    });
    if (errors.length > 0 || !currency.ok) return { order: null, userErrors: errors };
    const unknown = await this.references.check([{ kind: 'contact', id: input.contactId, field: ['input', 'contactId'] }]);
    if (unknown.length > 0) return { order: null, userErrors: unknown };

    const variantIds = input.lines.map((line) => line.variantId);
    const result = await this.scope.run(async (tx): Promise<Refusal | { order: Order; lines: OrderLine[] }> => {
      const variants = new Map((await this.r.variants.findByIds(tx, variantIds)).map((v) => [v.id, v]));
      const products = new Map(
        (await this.r.products.findByIds(tx, [...new Set([...variants.values()].map((v) => v.productId))])).map((p) => [p.id, p]),
      );
      const prices = new Map(
        (await this.r.prices.listByVariantIds(tx, variantIds))
          .filter((p) => p.currency === currency.value)
          .map((p) => [p.variantId, p.amount]),
      );
      const refused: UserError[] = [];
      input.lines.forEach((line, i) => {
        const field = ['input', 'lines', String(i), 'variantId'];
        if (!variants.has(line.variantId)) refused.push(notFound('variant', field));
        else if (!prices.has(line.variantId)) refused.push(refuse('NO_PRICE', `The variant has no price in ${currency.value}`, field));
      });
      if (input.locationId && (await this.r.locations.findByIds(tx, [input.locationId])).length === 0) {
        refused.push(notFound('stock location', ['input', 'locationId']));
      }
      if (refused.length > 0) return { refused };

      // Lock the balances first (in (variant, location) order): concurrent placements queue here and
      // each sees what the previous ones reserved.
      const levels = new Map(
        (await this.r.levels.lock(tx, variantIds, input.locationId ?? null)).map((l) => [levelKey(l.variantId, l.locationId), l]),
      );
      const enoughAt = (locationId: string) =>
        input.lines.every((line) => available(levels.get(levelKey(line.variantId, locationId))) >= line.quantity);
      let locationId: string;
      if (input.locationId) {
        const short = input.lines.flatMap((line, i) => {
          const left = available(levels.get(levelKey(line.variantId, input.locationId!)));
          return left >= line.quantity
            ? []
            : [refuse('INSUFFICIENT_STOCK', `Only ${left} unit(s) available at the location`, ['input', 'lines', String(i), 'quantity'])];
        });
        if (short.length > 0) return { refused: short };
        locationId = input.locationId;
      } else {
        // The first location (oldest first: ids are time-ordered) with enough of every line.
        const candidates = [...new Set([...levels.values()].map((l) => l.locationId))].sort();
        const found = candidates.find(enoughAt);
        if (!found) return { refused: [refuse('INSUFFICIENT_STOCK', 'No stock location has enough of every line', ['input', 'lines'])] };
        locationId = found;
      }

      const lineRows = input.lines.map((line, position) => {
        const variant = variants.get(line.variantId)!;
        const unitPrice = new Decimal(prices.get(line.variantId)!.toFixed());
        return {
          orderId: '',
          position,
          variantId: variant.id,
          sku: variant.sku,
          name: `${products.get(variant.productId)?.name ?? ''} / ${variant.name}`,
          quantity: line.quantity,
          unitPrice,
          lineTotal: unitPrice.times(line.quantity),
        };
      });
      const total = lineRows.reduce((sum, line) => sum.plus(line.lineTotal), new Decimal(0));
      const number = orderNumber(await this.r.orders.nextNumber(tx));
      const order = await this.r.orders.create(tx, {
        number,
        contactId: input.contactId ?? null,
        currency: currency.value,
        locationId,
        total: total.toFixed(),
      });
      const lines = await this.r.lines.createMany(
        tx,
        lineRows.map((line) => ({
          ...line,
          orderId: order.id,
          unitPrice: line.unitPrice.toFixed(),
          lineTotal: line.lineTotal.toFixed(),
        })) as never,
      );
      lines.sort((a, b) => a.position - b.position);
      for (const line of [...lines].sort((a, b) => a.variantId.localeCompare(b.variantId))) {
        const movement = await this.r.movements.record(tx, {
          variantId: line.variantId,
          locationId,
          kind: 'RESERVED',
          quantity: line.quantity,
          onHandChange: 0,
          reservedChange: line.quantity,
          orderId: order.id,
        });
        await this.events.stockMoved(tx, movement, line.sku);
      }
      await this.events.orderPlaced(tx, order, lines);
      return { order, lines };
    });
    if ('refused' in result) return { order: null, userErrors: result.refused };
    this.loaders.linesByOrderId.prime(result.order.id, result.lines);
    return { order: result.order, userErrors: [] };
  }

  confirm(input: OrderIdInput): Promise<OrderPayload> {
    return this.transition(input.orderId, 'confirm', async (tx, order) =>
      this.r.orders.update(tx, order.id, { status: 'UNFULFILLED', confirmedAt: this.now() }),
    );
  }

  fulfill(input: FulfillOrderInput): Promise<OrderPayload> {
    return this.transition(input.orderId, 'fulfill', async (tx, order) => {
      const lines = await this.r.lines.listByOrderIds(tx, [order.id]);
      const plan = planFulfilment(lines, input.lines);
      if (!plan.ok) {
        return {
          refused: [refuse(plan.code, plan.message, ['input', 'lines', ...(plan.index === null ? [] : [String(plan.index), 'lineId'])])],
        };
      }
      const byId = new Map(lines.map((line) => [line.id, line]));
      await this.r.levels.lock(tx, [...new Set(plan.steps.map((s) => byId.get(s.lineId)!.variantId))].sort(), order.locationId);
      for (const step of [...plan.steps].sort((a, b) => byId.get(a.lineId)!.variantId.localeCompare(byId.get(b.lineId)!.variantId))) {
        const line = byId.get(step.lineId)!;
        const movement = await this.r.movements.record(tx, {
          variantId: line.variantId,
          locationId: order.locationId,
          kind: 'SOLD',
          quantity: step.quantity,
          onHandChange: -step.quantity,
          reservedChange: -step.quantity,
          orderId: order.id,
        });
        await this.events.stockMoved(tx, movement, line.sku);
        line.fulfilledQuantity += step.quantity;
        await this.r.lines.setFulfilled(tx, line.id, line.fulfilledQuantity);
      }
      const status = statusAfterFulfilment(lines);
      const updated = await this.r.orders.update(tx, order.id, { status, ...(status === 'FULFILLED' ? { fulfilledAt: this.now() } : {}) });
      if (status === 'FULFILLED') await this.events.orderFulfilled(tx, updated);
      return updated;
    });
  }

  cancel(input: OrderIdInput): Promise<OrderPayload> {
    return this.transition(input.orderId, 'cancel', async (tx, order) => {
      await this.moveEveryLine(tx, order, 'RELEASED');
      const updated = await this.r.orders.update(tx, order.id, { status: 'CANCELED', canceledAt: this.now() });
      await this.events.orderCanceled(tx, updated);
      return updated;
    });
  }

  return(input: OrderIdInput): Promise<OrderPayload> {
    return this.transition(input.orderId, 'return', async (tx, order) => {
      await this.moveEveryLine(tx, order, 'RETURNED');
      const updated = await this.r.orders.update(tx, order.id, { status: 'RETURNED', returnedAt: this.now() });
      await this.events.orderReturned(tx, updated);
      return updated;
    });
  }

  /** Releases (cancel) or returns every line's units at the order's location. */
  private async moveEveryLine(tx: CommerceTx, order: Order, kind: 'RELEASED' | 'RETURNED'): Promise<void> {
    const lines = (await this.r.lines.listByOrderIds(tx, [order.id])).sort((a, b) => a.variantId.localeCompare(b.variantId));
    await this.r.levels.lock(tx, [...new Set(lines.map((line) => line.variantId))], order.locationId);
    for (const line of lines) {
      // Cancel: nothing was fulfilled, the whole quantity is reserved. Return: the whole quantity was sold.
      const movement = await this.r.movements.record(tx, {
        variantId: line.variantId,
        locationId: order.locationId,
        kind,
        quantity: line.quantity,
        onHandChange: kind === 'RETURNED' ? line.quantity : 0,
        reservedChange: kind === 'RELEASED' ? -line.quantity : 0,
        orderId: order.id,
      });
      await this.events.stockMoved(tx, movement, line.sku);
    }
  }

  /** Locks the order, checks that its status allows the transition, and applies it. */
  private async transition(
    orderId: string,
    transition: OrderTransition,
    apply: (tx: CommerceTx, order: Order) => Promise<Order | Refusal>,
  ): Promise<OrderPayload> {
    if (!isUuid(orderId)) return { order: null, userErrors: [orderNotFound()] };
    const result = await this.scope.run(async (tx): Promise<Order | Refusal> => {
      const order = await this.r.orders.lock(tx, orderId);
      if (!order) return { refused: [orderNotFound()] };
      if (!allows(transition, order.status)) {
        return { refused: [refuse('INVALID_STATUS', `A ${order.status} order cannot be ${PAST[transition]}`, ['input', 'orderId'])] };
      }
      return apply(tx, order);
    });
    if ('refused' in result) return { order: null, userErrors: result.refused };
    this.loaders.orderById.clear(result.id).prime(result.id, result);
    this.loaders.linesByOrderId.clear(result.id);
    return { order: result, userErrors: [] };
  }
}

const PAST: Record<OrderTransition, string> = { confirm: 'confirmed', fulfill: 'fulfilled', cancel: 'canceled', return: 'returned' };

export type { OrderStatus };
