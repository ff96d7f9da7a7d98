import { readFileSync } from 'node:fs';
import { createLogger } from '@tessera/service-kit';
import { createRouter, type RunningRouter } from '../src/router.js';
import { SUPERGRAPH_PATH } from '../src/supergraph-config.js';
import { Outbox, startModuleEvents, type ConsumerOptions, type ModuleEvents } from '@tessera/events';
import {
  countSql,
  deleteNamespaceStreams,
  TEST_INTERNAL_SECRET,
  TEST_NATS_URL,
  testNamespace,
  type SqlCounter,
} from '../../packages/testkit/src/index.js';
import { createIdentityDb, createIdentitySubgraph } from '../../subgraphs/identity/src/index.js';
import { createCrmDb, createCrmSubgraph } from '../../subgraphs/crm/src/index.js';
import { createInvoicingDb, createInvoicingSubgraph, invoicingConsumers } from '../../subgraphs/invoicing/src/index.js';
import { createHrDb, createHrSubgraph } from '../../subgraphs/hr/src/index.js';
import { createPayrollDb, createPayrollSubgraph, payrollConsumers } from '../../subgraphs/payroll/src/index.js';
import { analyticsConsumers, createAnalyticsDb, createAnalyticsSubgraph } from '../../subgraphs/analytics/src/index.js';
import { projectsConsumers, createProjectsDb, createProjectsSubgraph } from '../../subgraphs/projects/src/index.js';
import { createFleetDb, createFleetSubgraph } from '../../subgraphs/fleet/src/index.js';
import { createPosDb, createPosSubgraph } from '../../subgraphs/pos/src/index.js';
import { commerceConsumers, createCommerceDb, createCommerceSubgraph } from '../../subgraphs/commerce/src/index.js';
import { createBookingDb, createBookingSubgraph } from '../../subgraphs/booking/src/index.js';

export const JWT_SECRET = 'e2e-test-jwt-secret-of-at-least-32-chars';

interface Running {
  url: string;
  stop(): Promise<void>;
}

export interface Platform {
  /** The router's /graphql URL (and ws:// for subscriptions). */
  url: string;
  /** The running router (subscription counters). */
  readonly router: RunningRouter;
  /** Stops the router and starts a new one on the same port (clients must reconnect by themselves). */
  restartRouter(): Promise<void>;
  subgraphs: Record<string, Running>;
  /** SQL statements each module's database received, when started with `countSql`. */
  sql: Record<string, SqlCounter>;
  /** The bus namespace of this platform's events (its own streams and consumers). */
  namespace: string;
  /** Each publishing or consuming module's event machinery (relay and consumers). */
  events: Record<EventModule, ModuleEvents>;
  /** Stops one module's relay and consumers (a module that is down for events), and starts them again. */
  stopEvents(module: EventModule): Promise<void>;
  startEvents(module: EventModule): Promise<void>;
  /** Stops one subgraph (to test partial failure); the router keeps its URL. */
  stopSubgraph(name: string): Promise<void>;
  stop(): Promise<void>;
}

export type EventModule = 'crm' | 'invoicing' | 'hr' | 'payroll' | 'analytics' | 'projects' | 'fleet' | 'pos' | 'commerce' | 'booking';

export interface PlatformOptions {
  tokenTtlSeconds?: number;
  countSql?: boolean;
  /** The NATS server (default: the test server); a test may run its own to restart it. */
  natsUrl?: string;
  /** Payloads waiting for one subscriber before the router disconnects it (default 100). */
  maxPendingPerSubscriber?: number;
  /** A supergraph file the router serves and watches (default: the committed one, not watched). */
  supergraphPath?: string;
  /** Overrides for every consumer (e.g. shorter backoff). */
  consumerOptions?: Pick<ConsumerOptions<never>, 'maxDeliver' | 'backoffMs' | 'concurrency'>;
}

/**
 * The whole platform in one process for end-to-end tests: every subgraph on a free port against the
 * real test databases, each module's outbox relay and consumers on the real NATS under a namespace
 * of the platform's own, and the router over the committed supergraph, all talking HTTP.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const logger = createLogger('e2e', process.env.E2E_LOG_LEVEL ?? 'silent');
  const secret = TEST_INTERNAL_SECRET;
  const namespace = testNamespace('e2e');
  const dbOptions = { logQueries: options.countSql ?? false };
  const dbs = {
    identity: createIdentityDb(dbOptions),
    crm: createCrmDb(dbOptions),
    invoicing: createInvoicingDb(dbOptions),
    hr: createHrDb(dbOptions),
    payroll: createPayrollDb(dbOptions),
    analytics: createAnalyticsDb(dbOptions),
    projects: createProjectsDb(dbOptions),
    fleet: createFleetDb(dbOptions),
    pos: createPosDb(dbOptions),
    commerce: createCommerceDb(dbOptions),
    booking: createBookingDb(dbOptions),
  };
  const sql: Record<string, SqlCounter> = options.countSql
    ? Object.fromEntries(Object.entries(dbs).map(([name, db]) => [name, countSql(db)]))
    : {};
  const outboxes = {
    crm: new Outbox('crm', namespace),
    invoicing: new Outbox('invoicing', namespace),
    hr: new Outbox('hr', namespace),
    payroll: new Outbox('payroll', namespace),
    analytics: new Outbox('analytics', namespace),
    projects: new Outbox('projects', namespace),
    fleet: new Outbox('fleet', namespace),
    pos: new Outbox('pos', namespace),
    commerce: new Outbox('commerce', namespace),
    booking: new Outbox('booking', namespace),
  };
  const subgraphs: Record<string, Running> = {
    identity: await createIdentitySubgraph({
      db: dbs.identity,
      tokens: { secret: JWT_SECRET, ttlSeconds: options.tokenTtlSeconds ?? 600 },
      secret,
      logger,
    }).listen(0),
    crm: await createCrmSubgraph({ db: dbs.crm, outbox: outboxes.crm, secret, logger }).listen(0),
    invoicing: await createInvoicingSubgraph({ db: dbs.invoicing, outbox: outboxes.invoicing, secret, logger }).listen(0),
    hr: await createHrSubgraph({ db: dbs.hr, outbox: outboxes.hr, secret, logger }).listen(0),
    payroll: await createPayrollSubgraph({ db: dbs.payroll, outbox: outboxes.payroll, secret, logger }).listen(0),
    analytics: await createAnalyticsSubgraph({ db: dbs.analytics, secret, logger }).listen(0),
    projects: await createProjectsSubgraph({ db: dbs.projects, outbox: outboxes.projects, secret, logger }).listen(0),
    fleet: await createFleetSubgraph({ db: dbs.fleet, outbox: outboxes.fleet, secret, logger }).listen(0),
    pos: await createPosSubgraph({ db: dbs.pos, outbox: outboxes.pos, secret, logger }).listen(0),
    commerce: await createCommerceSubgraph({ db: dbs.commerce, outbox: outboxes.commerce, secret, logger }).listen(0),
    booking: await createBookingSubgraph({ db: dbs.booking, outbox: outboxes.booking, secret, logger }).listen(0),
  };

  const natsUrl = options.natsUrl ?? TEST_NATS_URL;
  const common = { url: natsUrl, namespace, logger, consumerOptions: options.consumerOptions, relayOptions: { pollIntervalMs: 250 } };
  const eventStarters: Record<EventModule, () => Promise<ModuleEvents>> = {
    crm: () => startModuleEvents({ module: 'crm', db: dbs.crm, ...common }),
    hr: () => startModuleEvents({ module: 'hr', db: dbs.hr, ...common }),
    invoicing: () =>
      startModuleEvents({
        module: 'invoicing',
        db: dbs.invoicing,
        consumers: invoicingConsumers({ db: dbs.invoicing, outbox: outboxes.invoicing }),
        ...common,
      }),
    payroll: () =>
      startModuleEvents({ module: 'payroll', db: dbs.payroll, consumers: payrollConsumers({ outbox: outboxes.payroll }), ...common }),
    analytics: () =>
      startModuleEvents({
        module: 'analytics',
        db: dbs.analytics,
        consumers: analyticsConsumers({ outbox: outboxes.analytics }),
        ...common,
      }),
    projects: () =>
      startModuleEvents({ module: 'projects', db: dbs.projects, consumers: projectsConsumers({ outbox: outboxes.projects }), ...common }),
    fleet: () => startModuleEvents({ module: 'fleet', db: dbs.fleet, ...common }),
    pos: () => startModuleEvents({ module: 'pos', db: dbs.pos, ...common }),
    commerce: () =>
      startModuleEvents({ module: 'commerce', db: dbs.commerce, consumers: commerceConsumers({ outbox: outboxes.commerce }), ...common }),
    booking: () => startModuleEvents({ module: 'booking', db: dbs.booking, ...common }),
  };
  const events = {} as Record<EventModule, ModuleEvents>;
  for (const module of Object.keys(eventStarters) as EventModule[]) events[module] = await eventStarters[module]();
  const eventsStopped = new Set<EventModule>();

  const startRouter = (port: number) =>
    createRouter({
      supergraphSdl: readFileSync(options.supergraphPath ?? SUPERGRAPH_PATH, 'utf8'),
      supergraphPath: options.supergraphPath,
      subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, running]) => [name, running.url])),
      jwtSecret: JWT_SECRET,
      internalSecret: secret,
      logger,
      introspection: true,
      corsOrigins: ['*'],
      events: { url: natsUrl, namespace },
      maxPendingPerSubscriber: options.maxPendingPerSubscriber,
    }).listen(port);
  let router = await startRouter(0);
  const stopped = new Set<string>();
  return {
    url: router.url,
    get router() {
      return router;
    },
    async restartRouter() {
      await router.stop();
      router = await startRouter(router.port);
    },
    subgraphs,
    sql,
    namespace,
    events,
    async stopEvents(module) {
      eventsStopped.add(module);
      await events[module].stop();
    },
    async startEvents(module) {
      events[module] = await eventStarters[module]();
      eventsStopped.delete(module);
    },
    async stopSubgraph(name) {
      stopped.add(name);
      await subgraphs[name]?.stop();
    },
    async stop() {
      await router.stop();
      await Promise.all(
        (Object.keys(events) as EventModule[]).filter((module) => !eventsStopped.has(module)).map((module) => events[module].stop()),
      );
      await Promise.all(
        Object.entries(subgraphs)
          .filter(([name]) => !stopped.has(name))
          .map(([, running]) => running.stop()),
      );
      await deleteNamespaceStreams(namespace, natsUrl);
    },
  };
}

export interface Response<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** Sends one operation to the router over HTTP, with a bearer token when given. */
export async function gql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Response<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Response<T>, 'status'>) };
}

/** The data of a response that must have succeeded, or a thrown error showing what came back. */
export function ok<T>(response: Response<T>): T {
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors ?? response)}`);
  return response.data;
}
