/**
 * One module as a service process, written once for every module: environment (parsed once, unsafe
 * production settings refused), logger, database client, outbox, the subgraph server, the event
 * backbone (relay and consumers), `/health`, `/ready` (database and NATS) and `/metrics`, and a
 * drain on SIGTERM/SIGINT in the safe order: stop accepting HTTP and finish in-flight requests, let
 * consumers finish and ack what they hold and the relay publish what is committed, then close the
 * pools and exit 0.
 */
import type { z } from 'zod';
import { Outbox, startModuleEvents, type ConsumerDefinition, type ModuleEvents } from '@tessera/events';
import { introspectionEnabled, parseEnv, refuseUnsafeProduction } from './env.js';
import { createLogger, type Logger } from './logger.js';
import { collectProcessMetrics } from './metrics.js';
import { Probes } from './probes.js';
import { observeDatabasePools, observeModuleEvents } from './service-metrics.js';
import { onShutdown } from './shutdown.js';
import type { RunningSubgraph } from './subgraph-server.js';

/** The settings every module service has (its schema extends baseEnvSchema, and eventBusEnvSchema when it has events). */
export interface ModuleServiceEnv {
  NODE_ENV: 'development' | 'test' | 'production';
  HOST: string;
  LOG_LEVEL: string;
  INTERNAL_CONTEXT_SECRET: string;
  INTROSPECTION?: 'true' | 'false';
  SHUTDOWN_TIMEOUT_MS: number;
  NATS_URL?: string;
  EVENTS_NAMESPACE?: string;
  EVENTS_STREAM_MAX_BYTES?: number;
}

/** The part of a generated Prisma client the runtime needs. */
export interface ModuleServiceDb {
  $queryRawUnsafe(query: string): Promise<unknown>;
  $disconnect(): Promise<void>;
}

export interface ModuleServiceDeps<Env, Db> {
  env: Env;
  db: Db;
  /** Where the module records its events (in the transaction of the change). */
  outbox: Outbox;
  logger: Logger;
  /** The internal-context secret shared with the router. */
  secret: string;
  probes: Probes;
  introspection: boolean;
}

export interface ModuleServiceDefinition<Env extends ModuleServiceEnv, Db extends ModuleServiceDb> {
  name: string;
  env: z.ZodType<Env>;
  port(env: Env): number;
  db(env: Env): Db;
  subgraph(deps: ModuleServiceDeps<Env, Db>): { listen(port: number, host?: string): Promise<RunningSubgraph> };
  /** The module's event consumers (none for a module that only publishes). */
  consumers?(deps: ModuleServiceDeps<Env, Db>): ConsumerDefinition<any>[];
  /** Whether the module has events at all (identity has none). Default true. */
  events?: boolean;
  /** More secrets production must not run with at their development defaults (e.g. JWT_SECRET). */
  secrets?: string[];
}

export interface RunningModuleService<Env, Db> {
  env: Env;
  logger: Logger;
  db: Db;
  subgraph: RunningSubgraph;
  events: ModuleEvents | null;
  /** The drain SIGTERM runs. */
  stop(): Promise<void>;
}

export async function runModuleService<Env extends ModuleServiceEnv, Db extends ModuleServiceDb>(
  definition: ModuleServiceDefinition<Env, Db>,
): Promise<RunningModuleService<Env, Db>> {
  const env = parseEnv(definition.env);
  const hasEvents = definition.events ?? true;
  refuseUnsafeProduction({
    secrets: ['INTERNAL_CONTEXT_SECRET', ...(definition.secrets ?? [])],
    passwords: ['DB_APP_PASSWORD', ...(hasEvents ? ['DB_EVENTS_PASSWORD'] : [])],
    introspection: true,
  });
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  collectProcessMetrics();
  observeDatabasePools();
  const db = definition.db(env);
  const probes = new Probes().add('database', () => db.$queryRawUnsafe('SELECT 1'));
  const deps: ModuleServiceDeps<Env, Db> = {
    env,
    db,
    outbox: new Outbox(definition.name, env.EVENTS_NAMESPACE ?? ''),
    logger,
    secret: env.INTERNAL_CONTEXT_SECRET,
    probes,
    introspection: introspectionEnabled(env),
  };
  let events: ModuleEvents | null = null;
  if (hasEvents) {
    probes.add('nats', async () => {
      if (!events) throw new Error('connecting');
      // A JetStream API round trip: the connection is up and JetStream answers.
      await events.bus.jsm.getAccountInfo();
    });
  }
  const subgraph = await definition.subgraph(deps).listen(definition.port(env), env.HOST);
  let stopObserving: (() => Promise<void>) | null = null;
  if (hasEvents) {
    events = await startModuleEvents({
      module: definition.name,
      db: db as never,
      url: env.NATS_URL ?? 'nats://127.0.0.1:4222',
      namespace: env.EVENTS_NAMESPACE,
      streamMaxBytes: env.EVENTS_STREAM_MAX_BYTES,
      logger,
      consumers: definition.consumers?.(deps) ?? [],
    });
    stopObserving = observeModuleEvents(definition.name, events);
  }
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      await subgraph.stopHttp();
      await events?.stop();
      await stopObserving?.();
      await subgraph.stop();
    })());
  onShutdown(logger, stop, { timeoutMs: env.SHUTDOWN_TIMEOUT_MS });
  return { env, logger, db, subgraph, events, stop };
}
