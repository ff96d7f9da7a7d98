/**
 * Shaping totals for the dashboard: one currency for the headline figures (the tenant's default),
 * every currency for the `...ByCurrency` lists. No conversion between currencies, ever.
 */
import { Decimal, money, type Money } from '@tessera/service-kit';

/** A total in one currency, as the repositories return them. */
export interface CurrencyTotal {
  currency: string;
  value: Decimal;
}

/** The total in `currency` (zero when there is none). */
export function totalIn(totals: readonly CurrencyTotal[], currency: string): Money {
  const sum = totals.filter((total) => total.currency === currency).reduce((acc, total) => acc.plus(total.value), new Decimal(0));
  return money(sum, currency);
}

/** One Money per currency with a non-zero total, by currency code. */
export function totalsByCurrency(totals: readonly CurrencyTotal[]): Money[] {
  const sums = new Map<string, Decimal>();
  for (const { currency, value } of totals) sums.set(currency, (sums.get(currency) ?? new Decimal(0)).plus(value));
  return [...sums.entries()]
    .filter(([, value]) => !value.isZero())
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, value]) => money(value, currency));
}

export interface SeriesPoint {
  /** UTC midnight of the day (the Date scalar's form). */
  date: Date;
  value: string;
}

/** One point per day of `days`, in order, with the day's value in `currency` (zero on a day without). */
export function dailySeries(days: readonly string[], values: ReadonlyMap<string, Decimal>, currency: string): SeriesPoint[] {
  return days.map((day) => ({ date: new Date(`${day}T00:00:00.000Z`), value: money(values.get(day) ?? 0, currency).amount }));
}
