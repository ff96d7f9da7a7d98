import { InvalidEventError } from '@tessera/events';
import type { CommerceTx } from '../db.js';
import type { CommerceEvents } from '../events/commerce-events.js';
import type { Repositories } from '../repositories/index.js';

/** The source of the movements a POS sale (or its void) causes: one movement per sale line, at most once. */
export const saleSource = (saleId: string) => `pos.sale:${saleId}`;
export const voidSource = (saleId: string) => `pos.sale.voided:${saleId}`;

/** What stock needs to know of a POS sale. */
export interface PosSaleFacts {
  saleId: string;
  locationId: string;
  lines: { variantId: string; sku: string; quantity: number }[];
  /** Where the facts come from (`<event type> <event id>`), for the messages of failures. */
  origin: string;
}

/**
 * The stock effects of POS sales, in the transaction the caller gives (the consumer's, with its inbox
 * row). A failure that retrying can never fix (an unknown location or variant, too little stock) is an
 * InvalidEventError: the event is dead-lettered for an operator, who receives or adjusts the stock and
 * replays it. Stock never goes below zero.
 */
export class PosSaleService {
  constructor(
    private readonly repositories: Repositories,
    private readonly events: CommerceEvents,
  ) {}

  /**
   * Takes a completed POS sale out of stock: a SOLD movement (no reservation) at the register's
   * location per line. Idempotent per sale (the (tenant, source_event, source_line) unique key; a sale
   * already recorded is skipped).
   */
  async recordSale(tx: CommerceTx, sale: PosSaleFacts): Promise<void> {
    const r = this.repositories;
    const source = saleSource(sale.saleId);
    if ((await r.movements.countBySource(tx, source)) > 0) return;
    const { variants, location } = await this.known(tx, sale);
    const units = unitsByVariant(sale);
    const levels = new Map((await r.levels.lock(tx, [...units.keys()].sort(), location)).map((level) => [level.variantId, level]));
    for (const [variantId, quantity] of units) {
      const level = levels.get(variantId);
      const left = level ? level.onHand - level.reserved : 0;
      if (left < quantity) {
        throw new InvalidEventError(
          `${sale.origin}: sale ${sale.saleId} takes ${quantity} of variant ${variantId} at location ${location}, only ${left} available`,
        );
      }
    }
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
        note: `POS sale ${sale.saleId}`,
      });
      await this.events.stockMoved(tx, movement, variants.get(line.variantId)!);
    }
  }

  /**
   * Puts a voided POS sale's units back (RETURNED movements), once per sale. If the sale's own
   * movements are not recorded yet (events of one sale may arrive out of order), it throws to be
   * retried later.
   */
  async recordVoid(tx: CommerceTx, sale: PosSaleFacts): Promise<void> {
    const r = this.repositories;
    const source = voidSource(sale.saleId);
    if ((await r.movements.countBySource(tx, source)) > 0) return;
    if ((await r.movements.countBySource(tx, saleSource(sale.saleId))) === 0) {
      throw new Error(`${sale.origin}: sale ${sale.saleId} is not taken out of stock yet; retrying later`);
    }
    const { variants, location } = await this.known(tx, sale);
    await r.levels.lock(tx, [...unitsByVariant(sale).keys()].sort(), location);
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
        note: `POS sale ${sale.saleId} voided`,
      });
      await this.events.stockMoved(tx, movement, variants.get(line.variantId)!);
    }
  }

  /** The sale's location and variants in the tenant (their SKUs by id); unknown ones are permanent failures. */
  private async known(tx: CommerceTx, sale: PosSaleFacts) {
    const r = this.repositories;
    const [location] = await r.locations.findByIds(tx, [sale.locationId]);
    if (!location) throw new InvalidEventError(`${sale.origin}: no stock location ${sale.locationId}`);
    const ids = [...new Set(sale.lines.map((line) => line.variantId))];
    const variants = new Map((await r.variants.findByIds(tx, ids)).map((variant) => [variant.id, variant.sku]));
    const missing = ids.filter((id) => !variants.has(id));
    if (missing.length > 0) throw new InvalidEventError(`${sale.origin}: no variant(s) ${missing.join(', ')}`);
    return { variants, location: location.id };
  }
}

/** The units a sale takes per variant (a variant may be on several lines). */
function unitsByVariant(sale: Pick<PosSaleFacts, 'lines'>): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of sale.lines) units.set(line.variantId, (units.get(line.variantId) ?? 0) + line.quantity);
  return units;
}
