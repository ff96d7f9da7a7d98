import { Decimal, minorUnits, type Money } from '@tessera/service-kit';

/** Anything holding an exact decimal (decimal.js or Prisma's Decimal, a separate copy of decimal.js). */
export type DecimalLike = Decimal.Value | { toString(): string };

/** Money with the currency's number of decimals ("52000.00", "6000000" in JPY). */
export function toMoney(value: DecimalLike, currency: string): Money {
  const amount = value instanceof Decimal ? value : new Decimal(typeof value === 'number' ? value : value.toString());
  return { amount: amount.toFixed(minorUnits(currency)), currency };
}
