import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { sqlStateOf } from '@tessera/prisma';

/** SQLSTATE class 22, data exceptions: the value, not the server (22021 NUL byte, 22003 numeric out of range, 22008 date-time overflow, 22001 too long...). */
const DATA_EXCEPTIONS = /^22/;

/** Codes of unexpected-but-known failures, mapped to GraphQL errors in one place (`formatError`). */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  MODULE_NOT_ENABLED: 'MODULE_NOT_ENABLED',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Thrown by services for failures that are not the caller's data to fix (see `UserError` for those). */
export class TesseraError extends GraphQLError {
  constructor(code: ErrorCode, message: string) {
    super(message, { extensions: { code } });
  }
}

/** An expected failure: returned to the client as `userErrors { field message code }`, never thrown. */
export interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

export function userError<C extends string = string>(code: C, message: string, field?: string[]): UserError {
  return { code, message, field: field ?? null };
}

/**
 * The user-error codes every module may use, with what each means. A module's catalogue spreads
 * these and adds its own; the codes are part of the API (clients branch on them).
 */
export const COMMON_USER_ERRORS = {
  NOT_FOUND: 'No such object in the caller’s tenant (also for malformed ids): the `field` says which.',
  INVALID: 'A value does not have the required form; the message says what is expected.',
  INVALID_AMOUNT: 'An amount is not a positive decimal with at most the currency’s minor units.',
  INVALID_CURRENCY: 'Not an ISO 4217 currency code this platform handles.',
  INVALID_EMAIL: 'Not an e-mail address.',
  INVALID_TRANSITION: 'The object’s state does not allow this change now.',
  FORBIDDEN: 'The caller’s role may not do this.',
} as const;

/**
 * A module's catalogue of user-error codes (typed: a code not in it does not compile) and the one
 * function that makes its user errors. `describe` lists every code with its meaning (for the SDL's
 * documentation and for integrators).
 */
export function defineUserErrors<const C extends Record<string, string>>(catalogue: C) {
  type Code = Extract<keyof C, string>;
  return {
    catalogue,
    /** A user error of this module. */
    refuse: (code: Code, message: string, field?: string[]): UserError => userError(code, message, field),
    codes: Object.keys(catalogue) as Code[],
  };
}

/** Proves in the type system that a switch handles every case (a new code that is not handled fails to compile). */
export function assertUnreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
]);

/**
 * Apollo `formatError`: errors with a public code pass through; anything else (a Prisma error, a bug)
 * is logged with its details and replaced by a generic message, so internals never reach clients.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // PostgreSQL refused a value the client sent (a NUL byte, a number or date out of the column's
    // range, a string too long): the client's mistake, not an outage. Nothing was written (the
    // transaction rolled back).
    const sqlState = sqlStateOf((error as { originalError?: unknown } | null)?.originalError ?? error);
    if (sqlState !== null && DATA_EXCEPTIONS.test(sqlState)) {
      return {
        message: 'A value is not accepted: it is out of range, too long, or contains a character that is not allowed (such as a NUL byte)',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const serviceName = formatted.extensions?.serviceName;
    logger.error({ err: error, path: formatted.path, serviceName }, 'unexpected error');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(typeof serviceName === 'string' ? { serviceName } : {}) },
    };
  };
}
