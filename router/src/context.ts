import type { BaseContext } from '@apollo/server';
import type { CallerContext } from '@tessera/service-kit';
import type { Logger } from 'pino';

/** The router's per-request context: the authenticated caller (or an anonymous one) and its log. */
export interface RouterContext extends BaseContext {
  requestId: string;
  caller: CallerContext;
  /** Why the bearer credential was refused, when one was sent and refused. */
  authFailure: 'expired' | 'invalid' | null;
  enabledModules: string[];
  /** The caller's tenant's plan (rate limits may differ per plan); absent for anonymous callers. */
  plan?: 'FREE' | 'BUSINESS';
  /** What the caller's API key may do, when an API key calls (behaviour 8): READ refuses mutations. */
  apiKeyAccess?: 'READ' | 'READ_WRITE';
  /** The version of the user's token (a socket re-checks that it was not revoked). */
  tokenVersion?: number;
  /** The SHA-256 of that key's secret (a socket re-checks it), never the secret. */
  apiKeyHash?: string;
  logger: Logger;
}
