/** Validation of service and resource fields, shared by create and update. */
import { Decimal, invalid, isCurrency, roundToMinorUnit, valid, type Checked, type UserError } from '@tessera/service-kit';
import { refuse } from '../errors.js';
import { isTimeZone } from './time-zones.js';

const MAX_NAME_LENGTH = 200;
const MAX_TEXT_LENGTH = 1000;
/** Largest amount a NUMERIC(19, 4) column holds: 15 integer digits. */
const AMOUNT_LIMIT = new Decimal('1e15');

/** A required name: trimmed, 1 to 200 characters. */
export function checkName(raw: string, field: string[]): Checked<string> {
  const value = raw.trim();
  if (value.length === 0 || value.length > MAX_NAME_LENGTH) {
    return invalid(refuse('INVALID', `Name must be 1 to ${MAX_NAME_LENGTH} characters`, field));
  }
  return valid(value);
}

/** An optional free text (a reason): trimmed, blank means none, at most 1000 characters. */
export function checkText(raw: string | null | undefined, field: string[], what: string): Checked<string | null> {
  const value = raw?.trim() ?? '';
  if (value.length > MAX_TEXT_LENGTH) return invalid(refuse('INVALID', `${what} must be at most ${MAX_TEXT_LENGTH} characters`, field));
  return valid(value === '' ? null : value);
}

/** A whole number of minutes within [min, max]. */
export function checkMinutes(value: number, min: number, max: number, field: string[], what: string): Checked<number> {
  if (!Number.isInteger(value) || value < min || value > max) {
    return invalid(refuse('INVALID', `${what} must be ${min} to ${max} minutes`, field));
  }
  return valid(value);
}

export const checkDuration = (value: number, field: string[]) => checkMinutes(value, 5, 1440, field, 'Duration');
export const checkBuffer = (value: number, field: string[]) => checkMinutes(value, 0, 1440, field, 'A buffer');
export const checkNotice = (value: number, field: string[]) => checkMinutes(value, 0, 525_600, field, 'Minimum notice');

export interface Price {
  amount: Decimal;
  currency: string;
}

/** A price: an ISO 4217 currency (upper-cased) and an amount rounded half-up to its minor unit, zero or more. */
export function checkPrice(amount: Decimal, currencyInput: string, field: string[]): Checked<Price> {
  const currency = currencyInput.trim().toUpperCase();
  const errors: UserError[] = [];
  const known = isCurrency(currency);
  if (!known) errors.push(refuse('INVALID_CURRENCY', 'Currency must be an ISO 4217 code', [...field, 'currency']));
  const rounded = known ? roundToMinorUnit(amount, currency) : amount;
  if (!rounded.isFinite() || rounded.isNegative()) {
    errors.push(refuse('INVALID_AMOUNT', 'Price must be zero or more', [...field, 'amount']));
  } else if (rounded.greaterThanOrEqualTo(AMOUNT_LIMIT)) {
    errors.push(refuse('INVALID_AMOUNT', 'Price is too large', [...field, 'amount']));
  }
  return errors.length > 0 ? invalid(...errors) : valid({ amount: rounded, currency });
}

/** An IANA time zone name the runtime knows. */
export function checkTimeZone(raw: string, field: string[]): Checked<string> {
  const value = raw.trim();
  if (!isTimeZone(value)) return invalid(refuse('INVALID_TIME_ZONE', 'Time zone must be an IANA name such as Europe/Berlin', field));
  return valid(value);
}
