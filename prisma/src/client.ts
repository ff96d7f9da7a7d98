import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrismaPg } from '@prisma/adapter-pg';
import { appConfig } from './config.js';

/** How a module's service connects: pool size, and whether every statement is emitted as a `query` event. */
export interface ModuleClientOptions {
  /** Pool size; DB_POOL_MAX or 10 when omitted. */
  poolMax?: number;
  /** Emit every statement as a `query` event (tests and benchmarks count them). */
  logQueries?: boolean;
  /** How long a connection the server refuses for being full is retried; DB_CONNECT_WAIT_MS or 10 s. */
  connectWaitMs?: number;
}

/**
 * The refusals that say "not now" rather than "no": the server (or the role) is at its connection
 * limit (53300), or it is starting or shutting down (57P03). Nothing has run on such a connection.
 */
const TRANSIENT_CONNECT_REFUSALS = new Set(['53300', '57P03']);

/**
 * Makes a pool wait out transient refusals when it opens a connection, with capped exponential
 * backoff and jitter, for up to `waitMs`. A host running many services (or a burst that opens every
 * pool at once) can reach PostgreSQL's `max_connections` for a moment; the other pools' idle
 * connections close within their idle timeout, so the request is served a little later instead of
 * failing with an internal error. Nothing is retried once a connection exists: a query that failed
 * is never re-run. Covers both `pool.connect()` and `pool.query()` (which connects through it).
 */
export function patientConnect(pool: pg.Pool, waitMs = Number(process.env.DB_CONNECT_WAIT_MS ?? 10_000)): pg.Pool {
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const attempt = async (): Promise<pg.PoolClient> => {
    const started = Date.now();
    for (let delay = 25; ; delay = Math.min(delay * 2, 1000)) {
      try {
        return await connect();
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        if (typeof code !== 'string' || !TRANSIENT_CONNECT_REFUSALS.has(code) || Date.now() - started + delay > waitMs) throw error;
        await sleep(delay / 2 + Math.random() * (delay / 2));
      }
    }
  };
  pool.connect = ((callback?: (error: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void) => {
    if (!callback) return attempt();
    attempt().then(
      (client) => callback(undefined, client, (release?: unknown) => client.release(release as Error | boolean | undefined)),
      (error: Error) => callback(error),
    );
    return undefined;
  }) as typeof pool.connect;
  return pool;
}

/** A module's connection pool, for metrics (connections in use, idle, waiting). */
export interface ModulePool {
  module: string;
  pool: pg.Pool;
}

const pools = new Set<ModulePool>();

/** The pools of every module client this process has opened and not closed. */
export function modulePools(): ModulePool[] {
  return [...pools];
}

/**
 * The options of a module's generated PrismaClient: the pg driver adapter on the module database as
 * the non-owner app role (row-level security applies), on a pool of our own (so its use can be
 * measured; `$disconnect()` ends it), and the query log when asked for.
 */
export function moduleClientOptions(module: string, options: ModuleClientOptions = {}) {
  const pool = patientConnect(
    new pg.Pool({ ...appConfig(module), max: options.poolMax ?? Number(process.env.DB_POOL_MAX ?? 10) }),
    options.connectWaitMs,
  );
  const entry: ModulePool = { module, pool };
  pools.add(entry);
  const end = pool.end.bind(pool);
  pool.end = (() => {
    pools.delete(entry);
    return end();
  }) as typeof pool.end;
  return {
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    ...(options.logQueries ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}),
  };
}
