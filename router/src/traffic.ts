/**
 * What the router counts per caller, shared by every router instance through its own PostgreSQL
 * database (`${DATABASE_PREFIX}_router`, router/sql/store.sql): request rate limits (behaviour 9),
 * failed logins per email and per client address (limited before identity runs Argon2), and
 * idempotent mutations (behaviour 10). Rate limiting is rate-limiter-flexible's RateLimiterPostgres
 * (a maintained limiter with a PostgreSQL store, one upsert per request; no new server in the stack),
 * with an in-memory limiter standing in while the database is unreachable.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode, type ValueNode } from 'graphql';
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import { appConfig, patientConnect } from '@tessera/prisma';

export interface TrafficLimits {
  /** Requests per minute of a signed-in user or an API key. */
  userPerMinute: number;
  /** Requests per minute per user or key on a plan, when that plan's differs from `userPerMinute`. */
  perPlanPerMinute?: Partial<Record<'FREE' | 'BUSINESS', number>>;
  /** Requests per minute of one client address without credentials. */
  anonymousPerMinute: number;
  /** Failed logins for one email per 15 minutes before logins for it are refused. */
  loginFailuresPerEmail: number;
  /** Failed logins from one client address per 15 minutes. */
  loginFailuresPerAddress: number;
  /** How long an Idempotency-Key's response is kept. */
  idempotencyTtlSeconds: number;
  /** Whether X-Forwarded-For names the client (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** The size of an API key's query-cost bucket (what one key may spend at once). */
  apiKeyCostBucket: number;
  /** How many cost units an API key's bucket regains per second. */
  apiKeyCostRestorePerSecond: number;
}

export const DEFAULT_TRAFFIC_LIMITS: TrafficLimits = {
  userPerMinute: 1200,
  anonymousPerMinute: 120,
  loginFailuresPerEmail: 10,
  loginFailuresPerAddress: 50,
  idempotencyTtlSeconds: 24 * 3600,
  trustProxy: false,
  apiKeyCostBucket: 10_000,
  apiKeyCostRestorePerSecond: 500,
};

/** What `extensions.cost.throttleStatus` says of an API key's bucket after a request (Shopify's shape). */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** The outcome of spending a request's cost. */
export interface CostVerdict {
  allowed: boolean;
  throttleStatus: ThrottleStatus;
  /** Seconds until the bucket holds the cost again (when refused). */
  retryAfterSeconds: number;
}

const LOGIN_WINDOW_SECONDS = 15 * 60;

/** A verdict with what the RateLimit-* headers say. */
export interface RateVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/** The client's address: the socket's, or the first X-Forwarded-For hop when the proxy is trusted. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')[0]
        ?.trim()
    : '';
  return forwarded || req.socket.remoteAddress || 'unknown';
}

/** The login email of a request whose operation calls `login` (lower-cased), else null. */
export function loginEmailOf(body: unknown): string | null {
  const request = body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
  if (typeof request?.query !== 'string' || !request.query.includes('login')) return null;
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: 2000 });
  } catch {
    return null;
  }
  const operation = operationOf(document, request.operationName);
  const field = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === 'login');
  if (!field || field.kind !== Kind.FIELD) return null;
  const input = field.arguments?.find((argument) => argument.name.value === 'input')?.value;
  const variables = (request.variables ?? {}) as Record<string, unknown>;
  const email = emailIn(input, variables);
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : null;
}

function operationOf(document: DocumentNode, name: unknown): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return typeof name === 'string' && name
    ? operations.find((o) => o.name?.value === name)
    : operations.length === 1
      ? operations[0]
      : undefined;
}

function emailIn(value: ValueNode | undefined, variables: Record<string, unknown>): unknown {
  if (!value) return null;
  if (value.kind === Kind.VARIABLE) return (variables[value.name.value] as { email?: unknown } | undefined)?.email;
  if (value.kind !== Kind.OBJECT) return null;
  const email = value.fields.find((f) => f.name.value === 'email')?.value;
  if (email?.kind === Kind.STRING) return email.value;
  if (email?.kind === Kind.VARIABLE) return variables[email.name.value];
  return null;
}

/** Whether a request's body runs a mutation (the operation it names, or its only one). */
export function isMutation(body: unknown): boolean {
  const request = body as { query?: unknown; operationName?: unknown } | undefined;
  if (typeof request?.query !== 'string' || !/\bmutation\b/.test(request.query)) return false;
  try {
    return operationOf(parse(request.query, { maxTokens: 2000 }), request.operationName)?.operation === 'mutation';
  } catch {
    return false;
  }
}

/** A replayable response. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type IdempotencyOutcome =
  | { kind: 'run'; complete(response: StoredResponse): Promise<void>; abandon(): Promise<void> }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'reused' }
  | { kind: 'in-progress' };

/** A request left `running` this long by a router that died is taken over by the next attempt. */
const ABANDONED_AFTER_SECONDS = 120;
/** How long a duplicate waits for the first request to finish before answering "in progress". */
const WAIT_FOR_FIRST_MS = 30_000;

export class Traffic {
  private readonly pool: pg.Pool;
  private readonly limiters = new Map<number, RateLimiterPostgres>();
  private readonly loginByEmail: RateLimiterPostgres;
  private readonly loginByAddress: RateLimiterPostgres;
  private sweeper: NodeJS.Timeout | null = null;

  /** `namespace` prefixes every key (routers of different test platforms share one database). */
  constructor(
    readonly limits: TrafficLimits,
    private readonly logger: Logger,
    private readonly namespace = '',
  ) {
    this.pool = patientConnect(new pg.Pool({ ...appConfig('router'), max: 8, application_name: 'router-traffic' }));
    this.pool.on('error', (error) => logger.warn({ err: error }, 'router store connection error'));
    this.loginByEmail = this.limiter('login-email', limits.loginFailuresPerEmail, LOGIN_WINDOW_SECONDS);
    this.loginByAddress = this.limiter('login-address', limits.loginFailuresPerAddress, LOGIN_WINDOW_SECONDS);
    this.sweeper = setInterval(() => void this.sweep(), 10 * 60_000);
    this.sweeper.unref();
  }

  private limiter(keyPrefix: string, points: number, duration: number): RateLimiterPostgres {
    return new RateLimiterPostgres({
      storeClient: this.pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: `${this.namespace}${keyPrefix}`,
      points,
      duration,
      // While the database is unreachable, each instance limits on its own rather than not at all.
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
    });
  }

  /** Counts one request of `subject` against `perMinute`. */
  async consume(subject: string, perMinute: number): Promise<RateVerdict> {
    let limiter = this.limiters.get(perMinute);
    if (!limiter) {
      limiter = this.limiter(`requests-${perMinute}`, perMinute, 60);
      this.limiters.set(perMinute, limiter);
    }
    try {
      const result = await limiter.consume(subject);
      return verdict(true, perMinute, result);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return verdict(false, perMinute, rejection);
      throw rejection;
    }
  }

  /** Whether logins for this email or from this address are refused now (seconds to wait), before any hash is computed. */
  async loginRefusedFor(email: string, address: string): Promise<number> {
    const [byEmail, byAddress] = await Promise.all([this.loginByEmail.get(email), this.loginByAddress.get(address)]);
    const over = (result: RateLimiterRes | null, limit: number) =>
      result && result.consumedPoints >= limit ? Math.ceil(result.msBeforeNext / 1000) : 0;
    return Math.max(over(byEmail, this.limits.loginFailuresPerEmail), over(byAddress, this.limits.loginFailuresPerAddress));
  }

  /** Records a login's outcome: a failure counts against the email and the address; a success clears the email. */
  async recordLogin(email: string, address: string, succeeded: boolean): Promise<void> {
    if (succeeded) {
      await this.loginByEmail.delete(email);
      return;
    }
    await Promise.all([this.loginByEmail.penalty(email, 1), this.loginByAddress.penalty(address, 1)]);
  }

  /**
   * Claims `caller`'s Idempotency-Key for this request body: run it (then `complete` with the
   * response), replay the stored response, refuse a different body under the same key, or, after
   * waiting for a duplicate still running elsewhere, say it is in progress.
   */
  async claim(caller: string, key: string, body: unknown): Promise<IdempotencyOutcome> {
    const id = `${this.namespace}${caller}:${key}`;
    const hash = createHash('sha256')
      .update(JSON.stringify(body ?? null))
      .digest('hex');
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const claimed = await this.pool.query(
        `INSERT INTO idempotent_requests (key, request_hash, state, expires_at)
           VALUES ($1, $2, 'running', now() + make_interval(secs => $3))
         ON CONFLICT (key) DO UPDATE SET request_hash = EXCLUDED.request_hash, state = 'running', started_at = now(),
           expires_at = EXCLUDED.expires_at, status = NULL, headers = NULL, body = NULL
           WHERE idempotent_requests.expires_at < now()
              OR (idempotent_requests.state = 'running' AND idempotent_requests.started_at < now() - make_interval(secs => $4)
                  AND idempotent_requests.request_hash = EXCLUDED.request_hash)
         RETURNING key`,
        [id, hash, this.limits.idempotencyTtlSeconds, ABANDONED_AFTER_SECONDS],
      );
      if (claimed.rowCount) {
        return {
          kind: 'run',
          complete: async (response) => {
            await this.pool.query(`UPDATE idempotent_requests SET state = 'done', status = $2, headers = $3, body = $4 WHERE key = $1`, [
              id,
              response.status,
              JSON.stringify(response.headers),
              response.body,
            ]);
          },
          abandon: async () => {
            await this.pool.query(`DELETE FROM idempotent_requests WHERE key = $1 AND state = 'running'`, [id]);
          },
        };
      }
      const existing = await this.pool.query<{
        request_hash: string;
        state: string;
        status: number;
        headers: Record<string, string>;
        body: string;
      }>('SELECT request_hash, state, status, headers, body FROM idempotent_requests WHERE key = $1', [id]);
      const row = existing.rows[0];
      if (!row) continue;
      if (row.request_hash !== hash) return { kind: 'reused' };
      if (row.state === 'done') return { kind: 'replay', response: { status: row.status, headers: row.headers ?? {}, body: row.body } };
      if (Date.now() > deadline) return { kind: 'in-progress' };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Deletes expired counters and responses (every instance does it now and then; it is idempotent). */
  /**
   * Takes `cost` from `subject`'s leaky bucket (size `apiKeyCostBucket`, refilled at
   * `apiKeyCostRestorePerSecond`), in one statement shared by every router instance: refused, and
   * nothing taken, when the bucket holds less. (rate-limiter-flexible has no leaky bucket on a
   * PostgreSQL store, so this one is a single upsert of our own.)
   */
  async spendCost(subject: string, cost: number): Promise<CostVerdict> {
    const size = this.limits.apiKeyCostBucket;
    const rate = this.limits.apiKeyCostRestorePerSecond;
    const key = `${this.namespace}cost:${subject}`;
    const status = (available: number): ThrottleStatus => ({
      maximumAvailable: size,
      currentlyAvailable: Math.max(0, Math.floor(available)),
      restoreRate: rate,
    });
    if (cost <= 0) return { allowed: true, throttleStatus: status(size), retryAfterSeconds: 0 };
    const refilled =
      'LEAST($2::float8, cost_buckets.available + EXTRACT(EPOCH FROM clock_timestamp() - cost_buckets.updated_at) * $4::float8)';
    let taken;
    try {
      taken = await this.pool.query<{ available: number }>(
        `INSERT INTO cost_buckets (key, available, updated_at) VALUES ($1, $2::float8 - $3::float8, clock_timestamp())
       ON CONFLICT (key) DO UPDATE SET available = ${refilled} - $3::float8, updated_at = clock_timestamp()
       WHERE ${refilled} >= $3::float8
       RETURNING available`,
        [key, size, cost, rate],
      );
    } catch (error) {
      // The store is unreachable: the per-minute limits (with their in-memory insurance) still hold.
      this.logger.warn({ err: error }, 'cost bucket unavailable: not throttling by cost');
      return { allowed: true, throttleStatus: status(size), retryAfterSeconds: 0 };
    }
    if (taken.rows[0]) return { allowed: true, throttleStatus: status(taken.rows[0].available), retryAfterSeconds: 0 };
    const current = await this.pool.query<{ available: number }>(
      `SELECT LEAST($2::float8, available + EXTRACT(EPOCH FROM clock_timestamp() - updated_at) * $3::float8) AS available FROM cost_buckets WHERE key = $1`,
      [key, size, rate],
    );
    const available = current.rows[0]?.available ?? size;
    return { allowed: false, throttleStatus: status(available), retryAfterSeconds: Math.max(1, Math.ceil((cost - available) / rate)) };
  }

  async sweep(): Promise<void> {
    try {
      await this.pool.query('DELETE FROM idempotent_requests WHERE expires_at < now()');
      await this.pool.query('DELETE FROM rate_limits WHERE expire < $1', [Date.now() - 3600_000]);
      // A bucket untouched for an hour is full again: its row says nothing a new one would not.
      await this.pool.query("DELETE FROM cost_buckets WHERE updated_at < now() - interval '1 hour'");
    } catch (error) {
      this.logger.warn({ err: error }, 'could not sweep the router store');
    }
  }

  /** Whether the store answers (the router's readiness). */
  /** The readiness check: the store answers, and the router may use each of its tables (a missing grant fails here, not silently later). */
  async check(): Promise<void> {
    await this.pool.query(
      'SELECT (SELECT count(*) FROM (SELECT 1 FROM rate_limits LIMIT 1) r) + (SELECT count(*) FROM (SELECT 1 FROM idempotent_requests LIMIT 1) i) + (SELECT count(*) FROM (SELECT 1 FROM cost_buckets LIMIT 1) c)',
    );
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await this.pool.end();
  }
}

function verdict(allowed: boolean, limit: number, result: RateLimiterRes): RateVerdict {
  return {
    allowed,
    limit,
    remaining: Math.max(0, result.remainingPoints),
    resetSeconds: Math.max(0, Math.ceil(result.msBeforeNext / 1000)),
  };
}
