import { Decimal, minorUnits, type Money } from '@tessera/service-kit';

/** Anything holding an exact decimal (decimal.js or Prisma's Decimal, a separate copy of decimal.js). */
export type DecimalLike = Decimal.Value | { toString(): string };

/** Converts a stored decimal to decimal.js. */
export function toDecimal(value: DecimalLike): Decimal {
  return value instanceof Decimal ? value : new Decimal(typeof value === 'number' ? value : value.toString());
}

/** Money with the currency's number of decimals ("1250.00", "1001" in JPY, "1.001" in KWD). */
export function toMoney(value: DecimalLike, currency: string): Money {
  return { amount: toDecimal(value).toFixed(minorUnits(currency)), currency };
}

/** A unit price: the currency's decimals, or more when the price has more (up to 4: "0.1234"). */
export function toPrice(value: DecimalLike, currency: string): Money {
  const exact = toDecimal(value);
  return { amount: exact.toFixed(Math.max(minorUnits(currency), exact.decimalPlaces())), currency };
}
