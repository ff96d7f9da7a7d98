/** Validation that answers with user errors (the userErrors protocol): a checked value, or why not. */
import type { UserError } from './errors.js';

/** A validated input value, or the user errors explaining why it is not valid. */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

export const valid = <T>(value: T): Checked<T> => ({ ok: true, value });
export const invalid = <T>(...errors: UserError[]): Checked<T> => ({ ok: false, errors });

/** Collects the errors of several checks (undefined: a field not given); empty when all passed. */
export function errorsOf(...checks: (Checked<unknown> | undefined)[]): UserError[] {
  return checks.flatMap((check) => (check === undefined || check.ok ? [] : check.errors));
}
