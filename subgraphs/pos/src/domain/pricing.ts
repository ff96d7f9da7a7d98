/**
 * What a till may charge: the catalogue's price (POS's copy of commerce's, fed by
 * commerce.variant.changed), or a manual price that needs an owner or admin and a reason and is
 * recorded with both. The server decides: a price sent by the till is only a request.
 */
import { Decimal, invalid, valid, type Checked, type UserError } from '@tessera/service-kit';
import { refuse } from '../errors.js';
import type { SaleLineSubmission } from './sale-draft.js';

/** A variant as POS knows it from the catalogue. */
export interface CatalogueEntry {
  variantId: string;
  sku: string;
  name: string;
  prices: { amount: string; currency: string }[];
}

/** A line as the till sent it: the variant, how many, and optionally a price and why. */
export interface RequestedLine {
  variantId: string;
  quantity: number;
  unitPrice?: Decimal | null;
  priceReason?: string | null;
  discount?: Decimal | null;
}

/** A priced line: what draftSale validates and totals, plus what the sale records about its price. */
export interface PricedLine extends SaleLineSubmission {
  listPrice: Decimal;
  /** The reason for a manual price; null when the catalogue's price is used. */
  priceReason: string | null;
}

export const MAX_REASON = 500;

/**
 * Prices each line from `catalogue` in `currency`. A line without a unitPrice, or with the catalogue's,
 * sells at the catalogue's price; another price is manual: refused unless `mayPriceManually` and a
 * reason is given. An unknown variant, or one without a price in the register's currency, is refused.
 */
export function priceLines(
  lines: readonly RequestedLine[],
  catalogue: ReadonlyMap<string, CatalogueEntry>,
  currency: string,
  mayPriceManually: boolean,
): Checked<PricedLine[]> {
  const errors: UserError[] = [];
  const priced: PricedLine[] = [];
  lines.forEach((line, index) => {
    const at = (field: string) => ['input', 'lines', String(index), field];
    const entry = catalogue.get(line.variantId.toLowerCase());
    if (!entry) {
      errors.push(refuse('UNKNOWN_VARIANT', 'This variant is not in the catalogue: add it in commerce first', at('variantId')));
      return;
    }
    const price = entry.prices.find((candidate) => candidate.currency === currency);
    if (!price) {
      errors.push(refuse('NO_PRICE', `${entry.name} has no ${currency} price in the catalogue`, at('variantId')));
      return;
    }
    const listPrice = new Decimal(price.amount);
    const unitPrice = line.unitPrice ?? listPrice;
    const manual = !unitPrice.equals(listPrice);
    const reason = line.priceReason?.trim() || null;
    if (manual && !mayPriceManually) {
      errors.push(refuse('MANUAL_PRICE_FORBIDDEN', 'Only an owner or admin may sell at another price than the catalogue', at('unitPrice')));
      return;
    }
    if (manual && !reason) {
      errors.push(refuse('PRICE_REASON_REQUIRED', 'A manual price needs a reason', at('priceReason')));
      return;
    }
    if (reason && reason.length > MAX_REASON) {
      errors.push(refuse('INVALID', `The reason must be at most ${MAX_REASON} characters`, at('priceReason')));
      return;
    }
    priced.push({
      variantId: entry.variantId,
      sku: entry.sku,
      name: entry.name,
      quantity: line.quantity,
      unitPrice,
      discount: line.discount ?? null,
      listPrice,
      priceReason: manual ? reason : null,
    });
  });
  return errors.length > 0 ? invalid(...errors) : valid(priced);
}
