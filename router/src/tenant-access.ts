import { INTERNAL_CONTEXT_HEADER, signCallerContext, ErrorCode, type CallerContext, type Role } from '@tessera/service-kit';
import { GraphQLError } from 'graphql';

/** What the router needs to know about a caller's tenant to authorise a request. */
export interface TenantAccess {
  plan: 'FREE' | 'BUSINESS';
  enabledModules: string[];
  defaultCurrency: string;
  userActive: boolean;
  role: Role | null;
  /** Tokens of another version were revoked (logout, password change, deactivation). */
  tokenVersion: number;
}

const QUERY = '{ tenantAccess { plan enabledModules defaultCurrency userActive role tokenVersion } }';

/** Answers kept `ttlMs` (0: none), at most 10,000 of them (beyond, all are dropped and loaded again). */
class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(private readonly ttlMs: number) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.entries.get(key);
    if (cached && cached.expires > Date.now()) return cached.value;
    const value = await load();
    if (this.ttlMs <= 0) return value;
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
    return value;
  }
}

/**
 * Loads tenant access from the identity subgraph (the owner of tenants), with a short cache so a
 * plan change or a removed user takes effect within `ttlMs`.
 */
export class TenantAccessCache {
  private readonly entries: ExpiringCache<TenantAccess>;

  constructor(
    /** Sends one operation to identity with a signed caller context (over HTTP, or in-process). */
    private readonly askIdentity: (signedContext: string, query: string) => Promise<unknown>,
    private readonly secret: string,
    /** Behaviour 7: a deactivated user's token stops working within 5 s, whatever the polling. */
    ttlMs = 4_000,
  ) {
    this.entries = new ExpiringCache(ttlMs);
  }

  get(caller: CallerContext & { tenantId: string }): Promise<TenantAccess> {
    return this.entries.get(`${caller.tenantId}:${caller.userId}`, () => this.fetch(caller));
  }

  private async fetch(caller: CallerContext): Promise<TenantAccess> {
    let body: { data?: { tenantAccess?: TenantAccess }; errors?: { extensions?: { code?: string } }[] };
    try {
      body = (await this.askIdentity(signCallerContext(caller, this.secret), QUERY)) as typeof body;
    } catch {
      throw new GraphQLError('The identity service is unavailable', {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: 'identity', http: { status: 503 } },
      });
    }
    const access = body.data?.tenantAccess;
    if (!access) {
      const code = body.errors?.[0]?.extensions?.code;
      if (code === ErrorCode.UNAUTHENTICATED) throw unauthenticated('The account no longer exists');
      throw new GraphQLError('The identity service is unavailable', {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: 'identity', http: { status: 503 } },
      });
    }
    return access;
  }
}

/** What identity grants a valid API key (behaviour 8). */
export interface ApiKeyGrant {
  apiKeyId: string;
  tenantId: string;
  /** The key's modules intersected with the tenant's enabled modules. */
  enabledModules: string[];
  access: 'READ' | 'READ_WRITE';
  defaultCurrency: string;
  plan: 'FREE' | 'BUSINESS';
}

/**
 * API keys by the SHA-256 of their secret, from identity, with a short cache: a revoked or expired
 * key stops working within `ttlMs` on every router instance, and identity sees one lookup per key
 * per `ttlMs` per router (it moves `lastUsedAt` then), not one per request. Unknown keys are cached
 * too, so a flood of wrong keys costs identity one lookup each per interval.
 */
export class ApiKeyCache {
  private readonly entries: ExpiringCache<ApiKeyGrant | null>;

  constructor(
    private readonly askIdentity: (signedContext: string, query: string) => Promise<unknown>,
    private readonly secret: string,
    ttlMs = 4_000,
  ) {
    this.entries = new ExpiringCache(ttlMs);
  }

  get(secretHash: string, requestId: string): Promise<ApiKeyGrant | null> {
    return this.entries.get(secretHash, () => this.fetch(secretHash, requestId));
  }

  private async fetch(secretHash: string, requestId: string): Promise<ApiKeyGrant | null> {
    if (!/^[0-9a-f]{64}$/.test(secretHash)) return null;
    const anonymous: CallerContext = { tenantId: null, userId: null, role: null, requestId, currency: 'USD' };
    const query = `{ apiKeyAccess(secretHash: "${secretHash}") { apiKeyId tenantId enabledModules access defaultCurrency plan } }`;
    let body: { data?: { apiKeyAccess?: ApiKeyGrant | null } };
    try {
      body = (await this.askIdentity(signCallerContext(anonymous, this.secret), query)) as typeof body;
    } catch {
      body = {};
    }
    if (!body.data) {
      throw new GraphQLError('The identity service is unavailable', {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: 'identity', http: { status: 503 } },
      });
    }
    return body.data.apiKeyAccess ?? null;
  }
}

export function unauthenticated(message = 'Authentication required'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

/** Asks identity over HTTP, the way the router reaches any subgraph. */
export function identityOverHttp(url: () => string) {
  return async (signedContext: string, query: string): Promise<unknown> => {
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: signedContext },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(5_000),
    });
    return response.json();
  };
}
