import { Decimal, invalid, isCurrency, roundToMinorUnit, valid, type Checked } from '@tessera/service-kit';
import { refuse } from '../errors.js';

/** The largest price or total kept (numeric(19, 4) holds 15 integer digits). */
const MAX_AMOUNT = new Decimal('1e14');
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A trimmed text of 1 to `max` characters; `optional` lets null or blank mean none. */
export function checkText(value: string | null | undefined, field: string[], max: number, label: string): Checked<string | null> {
  const text = value?.trim() ?? '';
  if (text === '') return invalid(refuse('INVALID', `${label} must not be blank`, field));
  if (text.length > max) return invalid(refuse('INVALID', `${label} must be at most ${max} characters`, field));
  return valid(text);
}

export function checkOptionalText(value: string | null | undefined, field: string[], max: number, label: string): Checked<string | null> {
  const text = value?.trim() ?? '';
  if (text === '') return valid(null);
  return checkText(text, field, max, label);
}

/** An ISO 4217 currency code the runtime knows. */
export function checkCurrency(value: string, field: string[]): Checked<string> {
  return isCurrency(value) ? valid(value) : invalid(refuse('INVALID_CURRENCY', `${value} is not an ISO 4217 currency code`, field));
}

/** A price: a non-negative decimal in a known currency, rounded half-up to the currency's minor unit. */
export function checkPrice(
  value: { amount: Decimal | string; currency: string },
  field: string[],
): Checked<{ amount: Decimal; currency: string }> {
  const currency = checkCurrency(value.currency, [...field, 'currency']);
  if (!currency.ok) return currency;
  const text = typeof value.amount === 'string' ? value.amount : value.amount.toFixed();
  if (!DECIMAL.test(text)) return invalid(refuse('INVALID', 'The amount must be a decimal number', [...field, 'amount']));
  const amount = roundToMinorUnit(text, currency.value);
  if (amount.isNegative()) return invalid(refuse('INVALID', 'A price cannot be negative', [...field, 'amount']));
  if (amount.greaterThanOrEqualTo(MAX_AMOUNT)) return invalid(refuse('INVALID', 'The amount is too large', [...field, 'amount']));
  return valid({ amount, currency: currency.value });
}

/** A whole number of units between min and max. */
export function checkQuantity(value: number, field: string[], min: number, max: number): Checked<number> {
  return Number.isInteger(value) && value >= min && value <= max
    ? valid(value)
    : invalid(refuse('INVALID', `The quantity must be a whole number between ${min} and ${max}`, field));
}

/** A non-zero adjustment between -max and max. */
export function checkAdjustment(value: number, field: string[], max: number): Checked<number> {
  return Number.isInteger(value) && value !== 0 && Math.abs(value) <= max
    ? valid(value)
    : invalid(refuse('INVALID', `The quantity must be a non-zero whole number between -${max} and ${max}`, field));
}

/** Variant option values: names unique (ignoring case) and non-blank, values non-blank. */
export function checkOptions(
  options: readonly { name: string; value: string }[] | null | undefined,
  field: string[],
): Checked<{ name: string; value: string }[]> {
  const list = options ?? [];
  if (list.length > 20) return invalid(refuse('INVALID', 'At most 20 options', field));
  const seen = new Set<string>();
  const result: { name: string; value: string }[] = [];
  for (const [index, option] of list.entries()) {
    const name = option.name.trim();
    const value = option.value.trim();
    if (name === '' || value === '' || name.length > 100 || value.length > 100) {
      return invalid(refuse('INVALID', 'Option names and values must be 1 to 100 characters', [...field, String(index)]));
    }
    if (seen.has(name.toLowerCase())) return invalid(refuse('INVALID', `Option ${name} is given twice`, [...field, String(index), 'name']));
    seen.add(name.toLowerCase());
    result.push({ name, value });
  }
  return valid(result);
}

/** A location name's unique key: trimmed, lower-cased. */
export const nameKey = (name: string) => name.trim().toLowerCase();
