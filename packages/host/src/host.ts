/**
 * The module host: one Node process runs any set of Tessera's modules, with or without the router.
 *
 * - `TESSERA_MODULES=all` (the default, what `npm start` runs): every module of subgraphs/*\/module.json
 *   and the router, side by side, each module with its own schema, Prisma client, pool, database,
 *   relay and consumers. The router calls the modules in its process without HTTP, through the same
 *   signed-context check (the compact topology); /health, /ready (every module's dependencies too)
 *   and /metrics are served on the router's port.
 * - `TESSERA_MODULES=crm` (or a list, and `router` for the router): one container per module, as
 *   docker-compose and Kubernetes run them; a module without the router in its process listens on
 *   its port (`<NAME>_PORT`, default the manifest's) and serves its own /ready and /metrics.
 * Nothing here names a module: the manifests say which exist.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readModules, repositoryRoot, type ModuleEntry } from '@tessera/modules';
import { createRouter, type RouterOptions, type RunningRouter } from '@tessera/router';
import { routerEnvSchema, trustedDocumentsOf } from '@tessera/router/env';
import {
  collectProcessMetrics,
  createLogger,
  introspectionEnabled,
  parseEnv,
  Probes,
  refuseUnsafeProduction,
  startModule,
  type Logger,
  type ModuleDefinition,
  type RunningModule,
  type StartModuleOptions,
} from '@tessera/service-kit';

export interface HostOptions {
  /** Module names to run, `all`, and/or `router`. Default: TESSERA_MODULES, else all (with the router). */
  services?: string[];
  source?: NodeJS.ProcessEnv;
  logger?: Logger;
  root?: string;
  /** Load modules from their compiled `dist` (default) or their TypeScript `src` (tests). */
  from?: 'dist' | 'src';
  /** Whether the modules also listen on their ports when the router is in the process (default TESSERA_MODULE_HTTP). */
  moduleHttp?: boolean;
  /** Call the in-process modules over HTTP instead of directly (tests of the HTTP path). Requires moduleHttp. */
  routerOverHttp?: boolean;
  /** Per-module overrides of the runtime (tests: namespace, ports, consumer backoff, query logging). */
  module?: Partial<Omit<StartModuleOptions, 'logger'>>;
  /** Router overrides (tests: secrets, supergraph, limits). */
  router?: Partial<RouterOptions> & { port?: number; host?: string };
}

export interface RunningHost {
  modules: Record<string, RunningModule>;
  /** The router, when this host runs it (replaced by restartRouter). */
  readonly router: RunningRouter | null;
  /** Stops the router and starts a new one on the same port (the modules go on). */
  restartRouter(): Promise<void>;
  /** The manifests of the modules this host runs. */
  entries: ModuleEntry[];
  /** The drain: the router (subscriptions, in-flight requests), then every module (requests, events, pools). */
  stop(): Promise<void>;
}

/** The services `TESSERA_MODULES` names (default all): module names, and `router`. */
export function servicesFrom(value: string | undefined, entries: ModuleEntry[]): { modules: ModuleEntry[]; router: boolean } {
  const names = (value ?? 'all')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const all = names.includes('all');
  const unknown = names.filter((name) => name !== 'all' && name !== 'router' && !entries.some((e) => e.manifest.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `TESSERA_MODULES names ${unknown.join(', ')}, which no subgraphs/*/module.json defines (modules: ${entries.map((e) => e.manifest.name).join(', ')}; also: all, router)`,
    );
  }
  return {
    modules: entries.filter((entry) => all || names.includes(entry.manifest.name)),
    router: all || names.includes('router'),
  };
}

/** A module's definition, the default export of its entry point. */
export async function loadModule(entry: ModuleEntry, from: 'dist' | 'src' = 'dist'): Promise<ModuleDefinition> {
  const file = join(entry.dir, from, from === 'dist' ? 'index.js' : 'index.ts');
  const loaded = (await import(pathToFileURL(file).href)) as { default?: ModuleDefinition };
  if (!loaded.default?.manifest) throw new Error(`${entry.path}/${from}/index: its default export is not a defineModule(...) definition`);
  return loaded.default;
}

export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  const source = options.source ?? process.env;
  const entries = readModules(options.root ?? repositoryRoot());
  const selected = servicesFrom(options.services?.join(',') ?? source.TESSERA_MODULES, entries);
  const definitions = await Promise.all(selected.modules.map((entry) => loadModule(entry, options.from)));
  const routerEnv = selected.router ? parseEnv(routerEnvSchema, source) : null;
  refuseUnsafeProduction(
    {
      secrets: [
        'INTERNAL_CONTEXT_SECRET',
        ...(selected.router ? ['JWT_SECRET'] : []),
        ...new Set(definitions.flatMap((definition) => definition.secrets ?? [])),
      ],
      passwords: definitions.length > 0 ? ['DB_APP_PASSWORD', 'DB_EVENTS_PASSWORD'] : [],
      cors: selected.router,
      introspection: true,
      natsUsers: [...selected.modules.map((entry) => entry.manifest.name), ...(selected.router ? ['router'] : [])],
    },
    source,
  );
  const logLevel = source.LOG_LEVEL ?? 'info';
  const logger =
    options.logger ?? createLogger(selected.router ? 'tessera' : selected.modules.map((e) => e.manifest.name).join('+'), logLevel);
  collectProcessMetrics();

  const moduleHttp = options.moduleHttp ?? (!selected.router || source.TESSERA_MODULE_HTTP === 'true');
  const modules: Record<string, RunningModule> = {};
  try {
    // One after another: each applies its own checks and ensures its own stream, and a failure names it.
    for (const definition of definitions) {
      const name = definition.manifest.name;
      modules[name] = await startModule(definition, {
        source,
        ...options.module,
        logger: logger.child({ module: name }),
        ...(moduleHttp ? (options.module?.listen !== undefined ? { listen: options.module.listen } : {}) : { listen: false }),
      });
    }
  } catch (error) {
    await Promise.allSettled(Object.values(modules).map((running) => running.stop()));
    throw error;
  }

  let router: RunningRouter | null = null;
  let openRouter: ((port: number) => Promise<RunningRouter>) | null = null;
  if (routerEnv) {
    const { readFileSync } = await import('node:fs');
    const inProcess = options.routerOverHttp ? {} : modules;
    const probes = new Probes();
    for (const [name, running] of Object.entries(modules)) {
      for (const check of running.probes.names) probes.add(`${name}.${check}`, () => running.probes.run(check));
    }
    const subgraphUrls = Object.fromEntries(
      entries.map(({ manifest }) => [
        manifest.name,
        modules[manifest.name]?.url ?? source[`SUBGRAPH_${manifest.name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${manifest.port}/graphql`,
      ]),
    );
    const { port, host, ...routerOptions } = options.router ?? {};
    openRouter = (listenPort: number) =>
      createRouter({
        supergraphSdl: readFileSync(options.router?.supergraphPath ?? routerEnv.SUPERGRAPH_PATH, 'utf8'),
        supergraphPath: routerEnv.SUPERGRAPH_PATH,
        subgraphUrls,
        jwtSecret: routerEnv.JWT_SECRET,
        tokenMaxAgeSeconds: routerEnv.TOKEN_MAX_AGE_SECONDS,
        internalSecret: routerEnv.INTERNAL_CONTEXT_SECRET,
        logger: logger.child({ component: 'router' }),
        introspection: introspectionEnabled(routerEnv),
        corsOrigins: routerEnv.CORS_ORIGINS,
        events: { url: options.module?.natsUrl ?? routerEnv.NATS_URL, namespace: options.module?.namespace ?? routerEnv.EVENTS_NAMESPACE },
        maxPendingPerSubscriber: routerEnv.SUBSCRIPTION_MAX_PENDING,
        wsLimits: {
          connectionsPerUser: routerEnv.WS_MAX_CONNECTIONS_PER_USER,
          connectionsPerTenant: routerEnv.WS_MAX_CONNECTIONS_PER_TENANT,
          subscriptionsPerConnection: routerEnv.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
          distinctSelectionsPerField: routerEnv.WS_MAX_DISTINCT_SELECTIONS,
        },
        ideUrl: routerEnv.TESSERA_IDE_URL,
        traffic: {
          limits: {
            userPerMinute: routerEnv.RATE_LIMIT_USER_PER_MINUTE,
            anonymousPerMinute: routerEnv.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
            perPlanPerMinute: {
              ...(routerEnv.RATE_LIMIT_FREE_PER_MINUTE ? { FREE: routerEnv.RATE_LIMIT_FREE_PER_MINUTE } : {}),
              ...(routerEnv.RATE_LIMIT_BUSINESS_PER_MINUTE ? { BUSINESS: routerEnv.RATE_LIMIT_BUSINESS_PER_MINUTE } : {}),
            },
            loginFailuresPerEmail: routerEnv.LOGIN_FAILURES_PER_EMAIL,
            loginFailuresPerAddress: routerEnv.LOGIN_FAILURES_PER_ADDRESS,
            idempotencyTtlSeconds: routerEnv.IDEMPOTENCY_TTL_SECONDS,
            trustProxy: routerEnv.TRUST_PROXY === 'true',
            apiKeyCostBucket: routerEnv.API_KEY_COST_BUCKET,
            apiKeyCostRestorePerSecond: routerEnv.API_KEY_COST_RESTORE_PER_SECOND,
          },
        },
        maxCost: routerEnv.QUERY_MAX_COST,
        trustedDocuments: trustedDocumentsOf(routerEnv),
        localSubgraphs: inProcess,
        probes,
        ...routerOptions,
      }).listen(listenPort, host ?? routerEnv.HOST);
    try {
      router = await openRouter(port ?? routerEnv.PORT);
    } catch (error) {
      await Promise.allSettled(Object.values(modules).map((running) => running.stop()));
      throw error;
    }
  }

  let stopped: Promise<void> | null = null;
  return {
    modules,
    get router() {
      return router;
    },
    async restartRouter() {
      if (!router || !openRouter) throw new Error('this host runs no router');
      const { port } = router;
      await router.stop();
      router = await openRouter(port);
    },
    entries: selected.modules,
    stop: () =>
      (stopped ??= (async () => {
        await router?.stop();
        // Requests first everywhere, then events (a consumer may still be writing), then pools.
        await Promise.all(Object.values(modules).map((running) => running.stopHttp()));
        await Promise.all(Object.values(modules).map((running) => running.stop()));
      })()),
  };
}
