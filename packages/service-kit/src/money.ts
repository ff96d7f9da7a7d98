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
