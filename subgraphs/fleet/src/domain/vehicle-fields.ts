import { invalid, isCurrency, valid, type Checked } from '@tessera/service-kit';
import { refuse } from '../errors.js';

/** A plate as shown (upper-case, single spaces) and its key (letters and digits only), unique per tenant. */
export interface Plate {
  display: string;
  normalized: string;
}

const PLATE_KEY = /^[\p{L}\p{N}]{1,15}$/u;
const PLATE_DISPLAY = /^[\p{L}\p{N}][\p{L}\p{N} -]*$/u;

/** Normalises a licence plate: trimmed, upper-case, runs of spaces collapsed; compared without spaces and hyphens. */
export function checkPlate(raw: string, field: string[]): Checked<Plate> {
  const display = raw.trim().replace(/\s+/g, ' ').toUpperCase();
  const normalized = display.replace(/[\s-]/g, '');
  if (!PLATE_DISPLAY.test(display) || !PLATE_KEY.test(normalized)) {
    return invalid(refuse('INVALID_PLATE', 'A plate is 1 to 15 letters or digits, optionally separated by spaces or hyphens', field));
  }
  return valid({ display, normalized });
}

/** ISO 3779: 17 characters from digits and capital letters except I, O and Q. */
const VIN_PATTERN = /^[A-HJ-NPR-Z0-9]{17}$/;
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const VIN_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
}; // prettier-ignore

/** The check digit (position 9) a VIN must carry under the North-American rule (49 CFR 565.15). */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const char = vin[i]!;
    const value = /\d/.test(char) ? Number(char) : (VIN_VALUES[char] ?? 0);
    sum += value * VIN_WEIGHTS[i]!;
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * Whether the VIN was issued for North America (world manufacturer identifier starting 1 to 5: US,
 * Canada, Mexico), where the check digit is mandatory. Elsewhere position 9 is free (e.g. many
 * European VINs carry a Z there), so it is not checked.
 */
export const isNorthAmericanVin = (vin: string): boolean => /^[1-5]/.test(vin);

/** Validates a VIN: trimmed and upper-cased, ISO 3779 alphabet, and the check digit of North-American VINs. */
export function checkVin(raw: string, field: string[]): Checked<string> {
  const vin = raw.trim().toUpperCase();
  if (!VIN_PATTERN.test(vin)) {
    return invalid(refuse('INVALID_VIN', 'A VIN is 17 letters or digits, without I, O or Q', field));
  }
  if (isNorthAmericanVin(vin) && vin[8] !== vinCheckDigit(vin)) {
    return invalid(refuse('INVALID_VIN', `The VIN's check digit (9th character) should be ${vinCheckDigit(vin)}`, field));
  }
  return valid(vin);
}

const MAX_NAME_LENGTH = 100;

/** A make or model: trimmed, 1 to 100 characters. */
export function checkName(raw: string, field: string[], what: string): Checked<string> {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value.length === 0 || value.length > MAX_NAME_LENGTH) {
    return invalid(refuse('INVALID', `${what} must be 1 to ${MAX_NAME_LENGTH} characters`, field));
  }
  return valid(value);
}

/** A model year: from 1886 (the first car) to next year. */
export function checkYear(year: number, field: string[], today: Date): Checked<number> {
  const latest = today.getUTCFullYear() + 1;
  if (!Number.isInteger(year) || year < 1886 || year > latest) {
    return invalid(refuse('INVALID_YEAR', `The model year must be between 1886 and ${latest}`, field));
  }
  return valid(year);
}

/** The largest odometer reading accepted (PostgreSQL integer). */
export const MAX_READING = 2_000_000_000;

/** An odometer reading: a whole number from 0. */
export function checkReading(value: number, field: string[]): Checked<number> {
  if (!Number.isInteger(value) || value < 0 || value > MAX_READING) {
    return invalid(refuse('INVALID', `An odometer reading is a whole number from 0 to ${MAX_READING}`, field));
  }
  return valid(value);
}

/** A currency code known to ISO 4217. */
export function checkCurrency(raw: string, field: string[]): Checked<string> {
  const code = raw.trim().toUpperCase();
  return isCurrency(code) ? valid(code) : invalid(refuse('INVALID_CURRENCY', `${raw} is not an ISO 4217 currency code`, field));
}
