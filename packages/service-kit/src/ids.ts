const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 320;

/** Whether an id from the outside can be a row id (a UUID) at all; anything else names nothing and must not reach a uuid column. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Whether `value` looks like an email address (one @, a dotted domain, no spaces, at most 320 characters). */
export function isEmailAddress(value: string): boolean {
  return value.length <= MAX_EMAIL_LENGTH && EMAIL.test(value);
}
