import { invalid, isEmailAddress, valid, type Checked } from '@tessera/service-kit';
import { refuse } from '../errors.js';

/** Lengths and formats of contact and company fields, shared by create and update. */
const MAX_NAME_LENGTH = 200;
const MAX_DOMAIN_LENGTH = 253;
const PHONE = /^\+?[0-9 ()./-]{3,40}$/;
const DOMAIN = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A required name (person, company, deal title): trimmed, 1 to 200 characters. */
export function checkName(raw: string, field: string[], what = 'Name'): Checked<string> {
  const value = raw.trim();
  if (value.length === 0 || value.length > MAX_NAME_LENGTH) {
    return invalid(refuse('INVALID', `${what} must be 1 to ${MAX_NAME_LENGTH} characters`, field));
  }
  return valid(value);
}

/** An optional email: trimmed and lower-cased; null, undefined or blank means none. */
export function checkEmail(raw: string | null | undefined, field: string[]): Checked<string | null> {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') return valid(null);
  if (!isEmailAddress(value)) {
    return invalid(refuse('INVALID_EMAIL', 'Email is not a valid address', field));
  }
  return valid(value);
}

/** An optional phone number as entered (trimmed): digits and + ( ) . - / and spaces, at least 3 digits. */
export function checkPhone(raw: string | null | undefined, field: string[]): Checked<string | null> {
  const value = raw?.trim() ?? '';
  if (value === '') return valid(null);
  const digits = value.replace(/\D/g, '').length;
  if (!PHONE.test(value) || digits < 3) {
    return invalid(refuse('INVALID_PHONE', 'Phone may contain digits, spaces and + ( ) . - / only, with at least 3 digits', field));
  }
  return valid(value);
}

/** An optional company name for find-or-create: trimmed, blank means none. */
export function checkCompanyName(raw: string | null | undefined, field: string[]): Checked<string | null> {
  const value = raw?.trim() ?? '';
  if (value === '') return valid(null);
  return checkName(value, field, 'Company name');
}

/** An optional web domain: trimmed, lower-cased, without scheme or path (e.g. acme.com). */
export function checkDomain(raw: string | null | undefined, field: string[]): Checked<string | null> {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') return valid(null);
  if (value.length > MAX_DOMAIN_LENGTH || !DOMAIN.test(value)) {
    return invalid(refuse('INVALID_DOMAIN', 'Domain must be a host name such as acme.com', field));
  }
  return valid(value);
}

/** The key that makes company names unique per tenant ignoring case and surrounding spaces. */
export function companyNameKey(name: string): string {
  return name.trim().toLowerCase();
}
