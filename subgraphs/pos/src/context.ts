import type { Outbox } from '@tessera/events';
import { TenantScope } from '@tessera/prisma';
import { ErrorCode, TesseraError, type RequestContext } from '@tessera/service-kit';
import type { PosDb, PosTx } from './db.js';
import { createLoaders, type PosLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { PosEvents } from './services/events.js';
import { RegisterService } from './services/register-service.js';
import { SaleService } from './services/sale-service.js';
import { SessionService } from './services/session-service.js';

/** Per-request services and loaders of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  registers: RegisterService;
  sessions: SessionService;
  sales: SaleService;
  loaders: PosLoaders;
}

export interface PosContext extends RequestContext {
  /** null for a signed context without a tenant: the subgraph refuses such callers every field. */
  pos: TenantBound | null;
}

export interface PosDeps {
  db: PosDb;
  /** POS's outbox (`new Outbox('pos', namespace)`): sale and session events. */
  outbox: Outbox;
  /** The clock (tests may fix it); defaults to the system time. */
  now?: () => Date;
}

/** Builds the request context: repositories and services bound to the caller's tenant, fresh DataLoaders. */
export function createPosContext(deps: PosDeps, base: RequestContext): PosContext {
  const { tenantId, role } = base.caller;
  if (!tenantId) return { ...base, pos: null };
  const scope = new TenantScope<PosTx>(deps.db, tenantId);
  const repositories = createRepositories(tenantId);
  const loaders = createLoaders(scope, repositories);
  const events = new PosEvents(deps.outbox, tenantId);
  const now = deps.now ?? (() => new Date());
  return {
    ...base,
    pos: {
      registers: new RegisterService(scope, repositories, loaders, role),
      sessions: new SessionService(scope, repositories, loaders, events, now),
      sales: new SaleService(scope, repositories, loaders, events, now),
      loaders,
    },
  };
}

/** The tenant-bound part of the context; callers without a tenant never reach a resolver. */
export function bound(context: PosContext): TenantBound {
  if (!context.pos) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
  return context.pos;
}
