/**
 * The pure rules of a till sale: validation of the submitted lines and payments, exact totals
 * (half-up to the currency's minor unit), change, and the payload fingerprint that tells a retry of
 * the same sale from a different sale reusing its idempotency key.
 */
import { createHash } from 'node:crypto';
import { Decimal, invalid, isUuid, minorUnits, roundToMinorUnit, valid, type Checked, type UserError } from '@tessera/service-kit';
import { refuse } from '../errors.js';

export type PaymentMethod = 'CASH' | 'CARD';

export const MAX_LINES = 200;
export const MAX_PAYMENTS = 20;
export const MAX_QUANTITY = 10_000;
/** Decimals a unit price may have (the column's scale). */
export const PRICE_SCALE = 4;
/** The largest amount any money column holds comfortably (Decimal(19, 4)). */
const MAX_AMOUNT = new Decimal('1e12');

export interface SaleLineSubmission {
  variantId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: Decimal;
  discount?: Decimal | null;
}

export interface SalePaymentSubmission {
  method: PaymentMethod;
  amount: Decimal;
}

export interface SaleLineDraft {
  position: number;
  variantId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: Decimal;
  discount: Decimal;
  /** round(quantity x unitPrice - discount). */
  lineTotal: Decimal;
}

export interface SalePaymentDraft {
  position: number;
  method: PaymentMethod;
  amount: Decimal;
}

export interface SaleDraft {
  lines: SaleLineDraft[];
  payments: SalePaymentDraft[];
  /** Sum of round(quantity x unitPrice). */
  subtotal: Decimal;
  /** subtotal - total. */
  discountTotal: Decimal;
  /** Sum of the line totals: the amount due. */
  total: Decimal;
  tendered: Decimal;
  change: Decimal;
}

/** Whether `value` has at most `scale` decimals. */
const fitsScale = (value: Decimal, scale: number) => value.decimalPlaces() <= scale;

/** Validates a submitted sale in `currency` and computes its totals and change. */
export function draftSale(
  currency: string,
  lines: readonly SaleLineSubmission[],
  payments: readonly SalePaymentSubmission[],
): Checked<SaleDraft> {
  const minor = minorUnits(currency);
  const errors: UserError[] = [];
  if (lines.length === 0 || lines.length > MAX_LINES)
    errors.push(refuse('INVALID', `A sale has 1 to ${MAX_LINES} lines`, ['input', 'lines']));
  if (payments.length === 0 || payments.length > MAX_PAYMENTS)
    errors.push(refuse('INVALID', `A sale has 1 to ${MAX_PAYMENTS} payments`, ['input', 'payments']));

  const drafts: SaleLineDraft[] = [];
  let subtotal = new Decimal(0);
  let total = new Decimal(0);
  lines.forEach((line, index) => {
    const at = (field: string) => ['input', 'lines', String(index), field];
    const before = errors.length;
    const sku = line.sku.trim();
    const name = line.name.trim();
    const discount = line.discount ?? new Decimal(0);
    if (!isUuid(line.variantId)) errors.push(refuse('INVALID', 'variantId must be a UUID', at('variantId')));
    if (sku.length === 0 || sku.length > 100) errors.push(refuse('INVALID', 'SKU must be 1 to 100 characters', at('sku')));
    if (name.length === 0 || name.length > 200) errors.push(refuse('INVALID', 'Name must be 1 to 200 characters', at('name')));
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY)
      errors.push(refuse('INVALID', `Quantity must be a whole number from 1 to ${MAX_QUANTITY}`, at('quantity')));
    if (line.unitPrice.isNegative() || !fitsScale(line.unitPrice, PRICE_SCALE) || line.unitPrice.gt(MAX_AMOUNT))
      errors.push(refuse('INVALID', `Unit price must be >= 0 with at most ${PRICE_SCALE} decimals`, at('unitPrice')));
    if (discount.isNegative() || !fitsScale(discount, minor))
      errors.push(refuse('INVALID', `Discount must be >= 0 with at most ${minor} decimals`, at('discount')));
    if (errors.length > before) return;
    const gross = line.unitPrice.times(line.quantity);
    if (discount.gt(gross)) {
      errors.push(refuse('INVALID', 'Discount cannot exceed quantity x unit price', at('discount')));
      return;
    }
    const lineTotal = roundToMinorUnit(gross.minus(discount), currency);
    subtotal = subtotal.plus(roundToMinorUnit(gross, currency));
    total = total.plus(lineTotal);
    drafts.push({
      position: index + 1,
      variantId: line.variantId.toLowerCase(),
      sku,
      name,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discount,
      lineTotal,
    });
  });

  let tendered = new Decimal(0);
  let card = new Decimal(0);
  const paid: SalePaymentDraft[] = [];
  payments.forEach((payment, index) => {
    if (!payment.amount.isPositive() || payment.amount.isZero() || !fitsScale(payment.amount, minor) || payment.amount.gt(MAX_AMOUNT)) {
      errors.push(
        refuse('INVALID', `Payment amount must be > 0 with at most ${minor} decimals`, ['input', 'payments', String(index), 'amount']),
      );
      return;
    }
    tendered = tendered.plus(payment.amount);
    if (payment.method === 'CARD') card = card.plus(payment.amount);
    paid.push({ position: index + 1, method: payment.method, amount: payment.amount });
  });
  if (errors.length > 0) return invalid(...errors);

  if (card.gt(total))
    return invalid(
      refuse('CARD_EXCEEDS_AMOUNT_DUE', `Card payments (${card.toFixed(minor)}) exceed the amount due (${total.toFixed(minor)})`, [
        'input',
        'payments',
      ]),
    );
  if (tendered.lt(total))
    return invalid(
      refuse('INSUFFICIENT_PAYMENT', `Payments (${tendered.toFixed(minor)}) do not cover the amount due (${total.toFixed(minor)})`, [
        'input',
        'payments',
      ]),
    );
  return valid({
    lines: drafts,
    payments: paid,
    subtotal,
    discountTotal: subtotal.minus(total),
    total,
    tendered,
    change: tendered.minus(total),
  });
}

/**
 * A fingerprint of a submission as the till sent it (variants, quantities, the prices and reasons it
 * asked for, discounts, payments), independent of how the numbers were written: a retry of the same
 * sale matches it even after the catalogue's price changed; a different sale does not.
 */
export function submissionHash(
  lines: readonly {
    variantId: string;
    quantity: number;
    unitPrice?: Decimal | null;
    priceReason?: string | null;
    discount?: Decimal | null;
  }[],
  payments: readonly SalePaymentSubmission[],
): string {
  const canonical = {
    v: 2,
    lines: lines.map((line) => [
      line.variantId.toLowerCase(),
      line.quantity,
      line.unitPrice ? line.unitPrice.toFixed(PRICE_SCALE) : null,
      line.priceReason?.trim() || null,
      (line.discount ?? new Decimal(0)).toFixed(PRICE_SCALE),
    ]),
    payments: payments.map((payment) => [payment.method, payment.amount.toFixed(PRICE_SCALE)]),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** A receipt number: the register's prefix and the zero-padded sequence, e.g. R1-000042. */
export function receiptNumber(registerNumber: number, seq: number): string {
  return `R${registerNumber}-${String(seq).padStart(6, '0')}`;
}

/** Cash a sale left in the drawer: cash tendered - change given (what a void refunds in cash). */
export function netCash(payments: readonly { method: PaymentMethod; amount: Decimal }[], change: Decimal): Decimal {
  return payments
    .filter((payment) => payment.method === 'CASH')
    .reduce((sum, payment) => sum.plus(payment.amount), new Decimal(0))
    .minus(change);
}

/** The cash the drawer should hold and the difference to what was counted (positive over, negative short). */
export function reconcile(openingFloat: Decimal, cashTaken: Decimal, cashRefunded: Decimal, counted: Decimal) {
  const expected = openingFloat.plus(cashTaken).minus(cashRefunded);
  return { expected, counted, difference: counted.minus(expected) };
}
