import { Decimal, roundToMinorUnit, toDecimal, type DecimalLike } from '@tessera/service-kit';

/** The figures of one line, as entered. */
export interface LineFigures {
  quantity: Decimal.Value;
  unitPrice: Decimal.Value;
  /** A percentage (19 means 19%). */
  taxRate: Decimal.Value;
}

/** A line's computed amounts, each rounded half-up to the currency's minor unit. */
export interface LineAmounts {
  net: Decimal;
  tax: Decimal;
}

/** A document's totals. */
export interface DocumentTotals {
  subtotal: Decimal;
  taxTotal: Decimal;
  total: Decimal;
}

/**
 * Per line: net = quantity x unitPrice and tax = net x taxRate / 100, each rounded half-up to the
 * currency's minor unit (tax is computed from the rounded net). Exact decimal arithmetic throughout.
 */
export function lineAmounts(line: LineFigures, currency: string): LineAmounts {
  const net = roundToMinorUnit(new Decimal(line.quantity).times(line.unitPrice), currency);
  const tax = roundToMinorUnit(net.times(line.taxRate).dividedBy(100), currency);
  return { net, tax };
}

/** subtotal = sum of nets, taxTotal = sum of taxes, total = subtotal + taxTotal. */
export function documentTotals(lines: readonly LineAmounts[]): DocumentTotals {
  const subtotal = lines.reduce((sum, line) => sum.plus(line.net), new Decimal(0));
  const taxTotal = lines.reduce((sum, line) => sum.plus(line.tax), new Decimal(0));
  return { subtotal, taxTotal, total: subtotal.plus(taxTotal) };
}

/** What is still owed on an invoice: total - paid - credited, never below zero. */
export function amountDue(figures: { total: DecimalLike; amountPaid: DecimalLike; amountCredited: DecimalLike }): Decimal {
  const due = toDecimal(figures.total).minus(toDecimal(figures.amountPaid)).minus(toDecimal(figures.amountCredited));
  return due.isNegative() ? new Decimal(0) : due;
}
