import { PrismaPg } from '@prisma/adapter-pg';
import { appConfig } from './config.js';

/** How a module's service connects: pool size, and whether every statement is emitted as a `query` event. */
export interface ModuleClientOptions {
  /** Pool size; DB_POOL_MAX or 10 when omitted. */
  poolMax?: number;
  /** Emit every statement as a `query` event (tests and benchmarks count them). */
  logQueries?: boolean;
}

/**
 * The options of a module's generated PrismaClient: the pg driver adapter on the module database as
 * the non-owner app role (row-level security applies), and the query log when asked for.
 */
export function moduleClientOptions(module: string, options: ModuleClientOptions = {}) {
  return {
    adapter: new PrismaPg({ ...appConfig(module), max: options.poolMax ?? Number(process.env.DB_POOL_MAX ?? 10) }),
    ...(options.logQueries ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}),
  };
}
