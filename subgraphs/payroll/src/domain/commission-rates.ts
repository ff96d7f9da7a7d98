import { Decimal, invalid, roundToMinorUnit, valid, type Checked } from '@tessera/service-kit';
import { invalidRate } from '../errors.js';

/** The tenant's default rate (percent) until an owner or admin sets one. */
export const DEFAULT_COMMISSION_RATE = new Decimal(10);
const MAX_RATE_DECIMALS = 4;

/** The tenant's commission rule as the API shows it; `updatedAt` null while the built-in default applies. */
export interface CommissionRuleRecord {
  defaultRate: Decimal;
  updatedAt: Date | null;
}

/** A rate in percent: 0 to 100 with at most 4 decimals (what the database column holds). */
export function checkRate(rate: Decimal, field: string[]): Checked<Decimal> {
  if (rate.isNegative() || rate.greaterThan(100) || rate.decimalPlaces() > MAX_RATE_DECIMALS) {
    return invalid(invalidRate(MAX_RATE_DECIMALS, field));
  }
  return valid(rate);
}

/** The rate an employee's commission is computed with: their own rate, else the tenant's default. */
export function effectiveRate(employeeRate: Decimal | null, tenantRate: Decimal | null): Decimal {
  return employeeRate ?? tenantRate ?? DEFAULT_COMMISSION_RATE;
}

/** A commission: the deal's amount x rate / 100, rounded half-up to the currency's minor unit. */
export function commissionAmount(dealAmount: Decimal, rate: Decimal, currency: string): Decimal {
  return roundToMinorUnit(dealAmount.times(rate).dividedBy(100), currency);
}
