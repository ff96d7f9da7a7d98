import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { appConfig } from './config.js';

/** How a module's service connects: pool size, and whether every statement is emitted as a `query` event. */
export interface ModuleClientOptions {
  /** Pool size; DB_POOL_MAX or 10 when omitted. */
  poolMax?: number;
  /** Emit every statement as a `query` event (tests and benchmarks count them). */
  logQueries?: boolean;
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
  const pool = new pg.Pool({ ...appConfig(module), max: options.poolMax ?? Number(process.env.DB_POOL_MAX ?? 10) });
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
