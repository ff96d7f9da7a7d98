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
  logger: Logger;
}
