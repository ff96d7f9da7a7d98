import type { CombinedError } from 'urql';

/** The message to show for a failed request: the server's own words when it gave some. */
export function errorMessage(error: CombinedError | Error | null | undefined): string {
  if (!error) return '';
  if ('graphQLErrors' in error && error.graphQLErrors.length > 0) return error.graphQLErrors.map((e) => e.message).join('; ');
  if ('networkError' in error && error.networkError) return 'The server could not be reached. Check your connection and try again.';
  return error.message;
}

/**
 * The error of one part of a partial result (a module that failed while the rest answered): an error
 * whose path starts with `path`, or, when `service` is given, a path-less error the router raised for
 * that subgraph (a fetch that failed: its `serviceName`).
 */
export function fieldError(error: CombinedError | undefined, path: (string | number)[], service?: string): string | null {
  const match = error?.graphQLErrors.find((e) => {
    if (service && (!e.path || e.path.length === 0) && e.extensions?.serviceName === service) return true;
    const errorPath = e.path ?? [];
    return errorPath.length > 0 && path.every((segment, index) => errorPath[index] === segment);
  });
  if (!match) return null;
  const code = match.extensions?.code;
  if (code === 'MODULE_NOT_ENABLED') return 'This module is not enabled for your workspace.';
  if (code === 'SERVICE_UNAVAILABLE')
    return 'This module is not responding right now. The rest of the page still works; try again shortly.';
  return match.message;
}

/** Whether any error says the session is no longer valid. */
export function isUnauthenticated(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

export interface UserErrorLike {
  field?: readonly string[] | null;
  message: string;
}

/** userErrors by input field name (the last path segment), plus the ones with no field under ''. */
export function userErrorsByField(errors: readonly UserErrorLike[] | null | undefined): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const error of errors ?? []) {
    const key = error.field?.[error.field.length - 1] ?? '';
    byField[key] = byField[key] ? `${byField[key]} ${error.message}` : error.message;
  }
  return byField;
}

/**
 * A failed form submission's errors for the form: the payload's userErrors by field, or, when there are
 * none, the request's error (or `fallback`) under ''.
 */
export function formErrors(
  userErrors: readonly UserErrorLike[] | null | undefined,
  error: CombinedError | undefined,
  fallback: string,
): Record<string, string> {
  const byField = userErrorsByField(userErrors);
  if (Object.keys(byField).length === 0) byField[''] = errorMessage(error) || fallback;
  return byField;
}
