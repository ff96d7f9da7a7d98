/**
 * Runs one module from its definition: its database client, outbox, subgraph server (listening on a
 * port, or reachable only in-process by a router in the same process), its relay and consumers, its
 * probes and metrics. The host runs any set of modules this way; tests run one. Stopping drains in
 * the safe order: no more requests (in-flight ones finish), consumers finish and ack what they hold,
 * the relay publishes what is committed, then the pool closes.
 */
import { z } from 'zod';
import {
  eventBusEnvSchema,
  Outbox,
  startModuleEvents,
  type ConsumerDefinition,
  type ConsumerOptions,
  type ModuleEvents,
  type OutboxRelayOptions,
} from '@tessera/events';
import type { ModuleClientOptions } from '@tessera/prisma';
import { baseEnvSchema, introspectionEnabled, parseEnv } from './env.js';
import type { Logger } from './logger.js';
import { moduleContextFactory, type ModuleDefinition, type ModuleDeps, type ModuleWorker } from './module.js';
import { Probes } from './probes.js';
import { referenceConsumers } from './references.js';
import { observeDatabasePools, observeModuleEvents } from './service-metrics.js';
import { createSubgraph, type LocalRequest, type LocalResponse, type RequestContext } from './subgraph-server.js';

/** Settings of every module's runtime. */
const runtimeEnv = {
  DB_POOL_MAX: z.coerce.number().int().positive().max(200).default(10),
  /** How long a write waits for a just-created contact, deal or employee to reach the module's replica (ms). */
  REFERENCE_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(3000),
};

export const moduleBaseEnv = baseEnvSchema.extend(eventBusEnvSchema.shape).extend(runtimeEnv);
/** The settings every module has (its own and its port come on top, see moduleEnvSchema). */
export type ModuleEnv = z.infer<typeof moduleBaseEnv> & Record<string, unknown>;

/** Every module's settings: every service's, the event bus's, the module's own and its port. */
export function moduleEnvSchema(definition: ModuleDefinition): z.ZodType<ModuleEnv> {
  const port = `${definition.manifest.name.toUpperCase()}_PORT`;
  return baseEnvSchema
    .extend(eventBusEnvSchema.shape)
    .extend(definition.env?.shape ?? {})
    .extend({
      [port]: z.coerce.number().int().min(0).max(65535).default(definition.manifest.port),
      ...runtimeEnv,
    }) as unknown as z.ZodType<ModuleEnv>;
}

export interface StartModuleOptions {
  logger: Logger;
  /** The environment to read settings from (default process.env). */
  source?: NodeJS.ProcessEnv;
  /** Listen on this port (0: any free one) and host, or not at all (an in-process router calls it). */
  listen?: { port?: number; host?: string } | false;
  /** The bus namespace of its events (tests isolate themselves with one). Default EVENTS_NAMESPACE. */
  namespace?: string;
  /** Whether to run the relay and consumers (default: when the module has events). */
  events?: boolean;
  /** Whether to run its workers (default: when it runs its events). */
  workers?: boolean;
  consumerOptions?: Pick<ConsumerOptions<never>, 'maxDeliver' | 'backoffMs' | 'concurrency' | 'ackWaitSeconds'>;
  relayOptions?: Pick<OutboxRelayOptions, 'batchSize' | 'pollIntervalMs' | 'afterPublish'>;
  /** NATS URL (default NATS_URL). */
  natsUrl?: string;
  db?: ModuleClientOptions;
  now?: () => Date;
  /** The outbox to record into (tests inject one that fails). */
  outbox?: Outbox;
  introspection?: boolean;
  /** The internal-context secret (default INTERNAL_CONTEXT_SECRET). */
  secret?: string;
}

export interface RunningModule<Db = any> {
  readonly name: string;
  readonly definition: ModuleDefinition;
  readonly db: Db;
  readonly outbox: Outbox;
  /** Its URL when it listens, else null. */
  readonly url: string | null;
  readonly probes: Probes;
  /** The relay and consumers, while they run. */
  readonly events: ModuleEvents | null;
  /** Its consumers' definitions (what the relay-less tests deliver events to). */
  readonly consumers: ConsumerDefinition<any>[];
  /** Its background workers (running when `workers` or its events are on). */
  readonly workers: ModuleWorker[];
  /** Whether it still takes requests. */
  readonly serving: boolean;
  /** A request from a router in the same process (signed context verified as over HTTP). */
  executeLocal(signedContext: string, request: LocalRequest): Promise<LocalResponse>;
  /** Stops (or starts again) only its relay and consumers: a module that is down for events. */
  stopEvents(): Promise<void>;
  startEvents(): Promise<void>;
  /** Stops taking requests and finishes the ones in flight. */
  stopHttp(): Promise<void>;
  /** The whole drain: requests, events, pool. */
  stop(): Promise<void>;
}

export async function startModule<Db>(definition: ModuleDefinition, options: StartModuleOptions): Promise<RunningModule<Db>> {
  const { manifest } = definition;
  const env = parseEnv(moduleEnvSchema(definition), options.source ?? process.env) as ModuleEnv & Record<string, any>;
  const logger = options.logger;
  observeDatabasePools();
  const db = definition.db({ poolMax: env.DB_POOL_MAX, ...options.db });
  const namespace = options.namespace ?? env.EVENTS_NAMESPACE;
  const outbox = options.outbox ?? new Outbox(manifest.name, namespace);
  const deps: ModuleDeps<any, any> = {
    db,
    outbox,
    logger,
    env,
    now: options.now ?? (() => new Date()),
    referenceWaitMs: env.REFERENCE_WAIT_MS,
  };
  const hasEvents = options.events ?? (manifest.events.publishes.length > 0 || manifest.events.consumes.length > 0);
  const consumers = [...(definition.consumers?.(deps) ?? []), ...referenceConsumers(manifest.name, manifest.references)];
  const consumed = [...new Set(consumers.map((consumer) => consumer.type))].sort();
  if (JSON.stringify(consumed) !== JSON.stringify([...manifest.events.consumes].sort())) {
    throw new Error(
      `${manifest.name}: module.json says it consumes [${[...manifest.events.consumes].sort().join(', ')}] but its consumers handle [${consumed.join(', ')}]`,
    );
  }
  const workers = definition.workers?.(deps) ?? [];
  const runWorkers = options.workers ?? options.events ?? true;
  const probes = new Probes().add('database', () => db.$queryRawUnsafe('SELECT 1'));
  let events: ModuleEvents | null = null;
  let stopObserving: (() => Promise<void>) | null = null;
  if (hasEvents) {
    probes.add('nats', async () => {
      if (!events) throw new Error('not connected');
      await events.bus.jsm.getAccountInfo();
    });
  }
  const subgraph = createSubgraph<RequestContext>({
    name: manifest.name,
    typeDefs: definition.typeDefs,
    resolvers: definition.resolvers as never,
    secret: options.secret ?? env.INTERNAL_CONTEXT_SECRET,
    logger,
    probes,
    introspection: options.introspection ?? introspectionEnabled(env as never),
    anonymousFields: definition.anonymousFields,
    permissions: definition.permissions,
    createContext: moduleContextFactory(definition, deps) as never,
    onStop: () => db.$disconnect(),
  });
  const listen = options.listen ?? { port: env[`${manifest.name.toUpperCase()}_PORT`], host: env.HOST };
  const url = listen ? (await subgraph.listen(listen.port ?? 0, listen.host ?? '127.0.0.1')).url : (await subgraph.start(), null);

  async function startEvents(): Promise<void> {
    if (!hasEvents || events) return;
    events = await startModuleEvents({
      module: manifest.name,
      db: db as never,
      url: options.natsUrl ?? env.NATS_URL,
      namespace,
      streamMaxBytes: env.EVENTS_STREAM_MAX_BYTES,
      logger,
      publishes: manifest.events.publishes.length > 0,
      consumers: hasEvents ? consumers : [],
      consumerOptions: options.consumerOptions,
      relayOptions: options.relayOptions,
    });
    stopObserving = observeModuleEvents(manifest.name, events);
  }
  async function stopEvents(): Promise<void> {
    const running = events;
    events = null;
    await running?.stop();
    await stopObserving?.();
    stopObserving = null;
  }
  await startEvents();
  if (runWorkers) for (const worker of workers) worker.start();
  logger.info({ module: manifest.name, url, events: hasEvents }, `${manifest.name} module running`);

  let stopped: Promise<void> | null = null;
  return {
    name: manifest.name,
    definition,
    db: db as Db,
    outbox,
    url,
    probes,
    consumers,
    workers,
    get events() {
      return events;
    },
    get serving() {
      return subgraph.serving;
    },
    executeLocal: subgraph.executeLocal,
    stopEvents,
    startEvents,
    stopHttp: subgraph.stopHttp,
    stop: () =>
      (stopped ??= (async () => {
        await subgraph.stopHttp();
        await Promise.all(workers.map((worker) => worker.stop()));
        await stopEvents();
        await subgraph.stop();
      })()),
  };
}
