import { Decimal } from 'decimal.js';

export { Decimal };

/** Money as it leaves the API: an exact amount string and an ISO 4217 code. */
export interface Money {
  amount: string;
  currency: string;
}

const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const minorUnitCache = new Map<string, number>();

/** Whether `code` is an ISO 4217 currency known to the runtime's ICU data. */
export function isCurrency(code: string): boolean {
  if (!CURRENCY_PATTERN.test(code)) return false;
  try {
    return Intl.supportedValuesOf('currency').includes(code);
  } catch {
    return false;
  }
}

/** Digits after the decimal point for a currency (2 for EUR, 0 for JPY, 3 for KWD), from ICU. */
export function minorUnits(currency: string): number {
  let digits = minorUnitCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorUnitCache.set(currency, digits);
  }
  return digits;
}

/** Rounds half-up (away from zero on .5) to the currency's minor unit. */
export function roundToMinorUnit(value: Decimal.Value, currency: string): Decimal {
  return new Decimal(value).toDecimalPlaces(minorUnits(currency), Decimal.ROUND_HALF_UP);
}

/** Formats an exact amount as API money with the currency's number of decimals ("1250.00"). */
export function money(value: Decimal.Value, currency: string): Money {
  return { amount: new Decimal(value).toFixed(minorUnits(currency)), currency };
}

/** Anything an exact amount comes as: decimal.js, a string, a number, or Prisma's Decimal (its toString()). */
export type DecimalLike = Decimal.Value | { toString(): string };

/** An exact decimal.js value from any DecimalLike (Prisma's Decimal is another class). */
export function toDecimal(value: DecimalLike): Decimal {
  return value instanceof Decimal ? value : new Decimal(typeof value === 'number' ? value : value.toString());
}

/** API money with the currency's number of decimals ("1250.00"). */
export function toMoney(value: DecimalLike, currency: string): Money {
  return { amount: toDecimal(value).toFixed(minorUnits(currency)), currency };
}

/** API money keeping every decimal a price has beyond the currency's minor unit (unit prices: "0.125"). */
export function toExactMoney(value: DecimalLike, currency: string): Money {
  const amount = toDecimal(value);
  return { amount: amount.toFixed(Math.max(minorUnits(currency), amount.decimalPlaces())), currency };
}
