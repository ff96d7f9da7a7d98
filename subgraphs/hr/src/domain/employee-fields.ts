import { Decimal, invalid, isCurrency, isEmailAddress, roundToMinorUnit, valid, type Checked, type UserError } from '@tessera/service-kit';
import { refuse } from '../errors.js';

/** Lengths and formats of employee and department fields, shared by create and update. */
const MAX_NAME_LENGTH = 200;
const MAX_TEXT_LENGTH = 1000;

/** A required name (person, department): trimmed, 1 to 200 characters. */
export function checkName(raw: string, field: string[], what = 'Name'): Checked<string> {
  const value = raw.trim();
  if (value.length === 0 || value.length > MAX_NAME_LENGTH) {
    return invalid(refuse('INVALID', `${what} must be 1 to ${MAX_NAME_LENGTH} characters`, field));
  }
  return valid(value);
}

/** A required work email: trimmed and lower-cased, so uniqueness ignores case. */
export function checkEmail(raw: string, field: string[]): Checked<string> {
  const value = raw.trim().toLowerCase();
  if (!isEmailAddress(value)) return invalid(refuse('INVALID_EMAIL', 'Email is not a valid address', field));
  return valid(value);
}

/** An optional job title: trimmed, blank means none, at most 200 characters. */
export function checkJobTitle(raw: string | null | undefined, field: string[]): Checked<string | null> {
  const value = raw?.trim() ?? '';
  if (value === '') return valid(null);
  if (value.length > MAX_NAME_LENGTH) return invalid(refuse('INVALID', `Job title must be at most ${MAX_NAME_LENGTH} characters`, field));
  return valid(value);
}

/** An optional free text (a reason, a note): trimmed, blank means none, at most 1000 characters. */
export function checkText(raw: string | null | undefined, field: string[], what: string): Checked<string | null> {
  const value = raw?.trim() ?? '';
  if (value.length > MAX_TEXT_LENGTH) return invalid(refuse('INVALID', `${what} must be at most ${MAX_TEXT_LENGTH} characters`, field));
  return valid(value === '' ? null : value);
}

/** Largest amount a NUMERIC(19, 4) column holds: 15 integer digits. */
const AMOUNT_LIMIT = new Decimal('1e15');

export interface Salary {
  amount: Decimal;
  currency: string;
}

/**
 * A yearly salary: an ISO 4217 currency (upper-cased) and an amount rounded half-up to the
 * currency's minor unit, zero or more, that fits the column.
 */
export function checkSalary(amount: Decimal, currencyInput: string, field: string[]): Checked<Salary> {
  const currency = currencyInput.trim().toUpperCase();
  const errors: UserError[] = [];
  const knownCurrency = isCurrency(currency);
  if (!knownCurrency) errors.push(refuse('INVALID_CURRENCY', 'Currency must be an ISO 4217 code', [...field, 'currency']));
  const rounded = knownCurrency ? roundToMinorUnit(amount, currency) : amount;
  if (rounded.isNegative()) {
    errors.push(refuse('INVALID_AMOUNT', 'Salary must be zero or more', [...field, 'amount']));
  } else if (rounded.greaterThanOrEqualTo(AMOUNT_LIMIT)) {
    errors.push(refuse('INVALID_AMOUNT', `Salary must be less than ${AMOUNT_LIMIT.toFixed()}`, [...field, 'amount']));
  }
  return errors.length > 0 ? invalid(...errors) : valid({ amount: rounded, currency });
}

/** The key that makes department names unique per tenant ignoring case and surrounding spaces. */
export function departmentNameKey(name: string): string {
  return name.trim().toLowerCase();
}
