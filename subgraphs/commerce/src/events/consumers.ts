import { defineConsumer, InvalidEventError, type ConsumerDefinition, type EventEnvelope, type Outbox } from '@tessera/events';
import { isUuid } from '@tessera/service-kit';
import type { CommerceTx } from '../db.js';
import { createRepositories } from '../repositories/index.js';
import { CommerceEvents } from '../services/events.js';

export interface CommerceConsumerDeps {
  /** Commerce's outbox: the stock.moved events the handlers record. */
  outbox: Outbox;
}

/** The source of the movements a POS sale (or its void) causes: one movement per sale line, at most once. */
export const saleSource = (saleId: string) => `pos.sale:${saleId}`;
export const voidSource = (saleId: string) => `pos.sale.voided:${saleId}`;

interface SaleFacts {
  locationId: string;
  lines: { variantId: string; sku: string; quantity: number }[];
}

/**
 * Takes a completed POS sale out of stock: a SOLD movement (no reservation) at the register's
 * location per line. Idempotent per sale (the (tenant, source_event, source_line) unique key; a sale
 * already recorded is skipped). An unknown location or variant, or too little stock, can never be
 * fixed by retrying: InvalidEventError dead-letters the event for an operator (who receives or
 * adjusts the stock and replays it). Stock never goes below zero.
 */
export async function recordPosSale(tx: CommerceTx, event: EventEnvelope, sale: SaleFacts, outbox: Outbox): Promise<void> {
  const saleId = subjectUuid(event);
  const r = createRepositories(event.tenantId);
  const source = saleSource(saleId);
  if ((await r.movements.countBySource(tx, source)) > 0) return;
  const { variants, location } = await known(tx, r, sale, event);
  const units = unitsByVariant(sale);
  const levels = new Map((await r.levels.lock(tx, [...units.keys()].sort(), location)).map((level) => [level.variantId, level]));
  for (const [variantId, quantity] of units) {
    const level = levels.get(variantId);
    const left = level ? level.onHand - level.reserved : 0;
    if (left < quantity) {
      throw new InvalidEventError(
        `${event.type} ${event.id}: sale ${saleId} takes ${quantity} of variant ${variantId} at location ${location}, only ${left} available`,
      );
    }
  }
  const events = new CommerceEvents(outbox, event.tenantId, event.traceparent);
  for (const [index, line] of sale.lines.entries()) {
    const movement = await r.movements.record(tx, {
      variantId: line.variantId,
      locationId: location,
      kind: 'SOLD',
      quantity: line.quantity,
      onHandChange: -line.quantity,
      reservedChange: 0,
      sourceEvent: source,
      sourceLine: index,
      note: `POS sale ${saleId}`,
    });
    await events.stockMoved(tx, movement, variants.get(line.variantId)!);
  }
}

/**
 * Puts a voided POS sale's units back (RETURNED movements), once per sale. If the sale's own
 * movements are not recorded yet (events of one sale may arrive out of order), it throws to be
 * retried later.
 */
export async function recordPosVoid(tx: CommerceTx, event: EventEnvelope, sale: SaleFacts, outbox: Outbox): Promise<void> {
  const saleId = subjectUuid(event);
  const r = createRepositories(event.tenantId);
  const source = voidSource(saleId);
  if ((await r.movements.countBySource(tx, source)) > 0) return;
  if ((await r.movements.countBySource(tx, saleSource(saleId))) === 0) {
    throw new Error(`${event.type} ${event.id}: sale ${saleId} is not taken out of stock yet; retrying later`);
  }
  const { variants, location } = await known(tx, r, sale, event);
  await r.levels.lock(tx, [...unitsByVariant(sale).keys()].sort(), location);
  const events = new CommerceEvents(outbox, event.tenantId, event.traceparent);
  for (const [index, line] of sale.lines.entries()) {
    const movement = await r.movements.record(tx, {
      variantId: line.variantId,
      locationId: location,
      kind: 'RETURNED',
      quantity: line.quantity,
      onHandChange: line.quantity,
      reservedChange: 0,
      sourceEvent: source,
      sourceLine: index,
      note: `POS sale ${saleId} voided`,
    });
    await events.stockMoved(tx, movement, variants.get(line.variantId)!);
  }
}

function subjectUuid(event: EventEnvelope): string {
  if (!isUuid(event.subjectId)) throw new InvalidEventError(`${event.type} ${event.id}: subjectId ${event.subjectId} is not a UUID`);
  return event.subjectId;
}

function unitsByVariant(sale: SaleFacts): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of sale.lines) units.set(line.variantId, (units.get(line.variantId) ?? 0) + line.quantity);
  return units;
}

/** The sale's location and variants in the event's tenant (their SKUs by id); unknown ones are permanent failures. */
async function known(tx: CommerceTx, r: ReturnType<typeof createRepositories>, sale: SaleFacts, event: EventEnvelope) {
  const [location] = await r.locations.findByIds(tx, [sale.locationId]);
  if (!location) throw new InvalidEventError(`${event.type} ${event.id}: no stock location ${sale.locationId}`);
  const ids = [...new Set(sale.lines.map((line) => line.variantId))];
  const variants = new Map((await r.variants.findByIds(tx, ids)).map((variant) => [variant.id, variant.sku]));
  const missing = ids.filter((id) => !variants.has(id));
  if (missing.length > 0) throw new InvalidEventError(`${event.type} ${event.id}: no variant(s) ${missing.join(', ')}`);
  return { variants, location: location.id };
}

/**
 * Commerce's reactions to other modules' events, one durable consumer each. Each handler runs in a
 * transaction already bound to `event.tenantId`.
 */
export function commerceConsumers(deps: CommerceConsumerDeps): ConsumerDefinition<CommerceTx>[] {
  return [
    defineConsumer<CommerceTx, 'pos.sale.completed'>({
      name: 'commerce-pos-sale',
      type: 'pos.sale.completed',
      handle: (tx, event) => recordPosSale(tx, event, event.data, deps.outbox),
    }),
    defineConsumer<CommerceTx, 'pos.sale.voided'>({
      name: 'commerce-pos-sale-voided',
      type: 'pos.sale.voided',
      handle: (tx, event) => recordPosVoid(tx, event, event.data, deps.outbox),
    }),
  ];
}
