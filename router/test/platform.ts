import type { ConsumerOptions, ModuleEvents } from '@tessera/events';
import { createLogger } from '@tessera/service-kit';
import { startHost, type RunningHost } from '../../packages/host/src/host.js';
import type { RunningRouter } from '@tessera/router';
import { randomUUID } from 'node:crypto';
import { contract, type TypedOperation } from './contract-operations.js';
import {
  countSql,
  deleteNamespaceStreams,
  TEST_INTERNAL_SECRET,
  TEST_NATS_URL,
  testNamespace,
  type SqlCounter,
} from '../../packages/testkit/src/index.js';

export const JWT_SECRET = 'e2e-test-jwt-secret-of-at-least-32-chars';

interface Running {
  /** Its URL (null in the compact topology: the router calls it in-process). */
  url: string | null;
  stop(): Promise<void>;
}

/**
 * How the platform runs in a test: `compact`, every module and the router in this process with
 * in-process calls (what `npm start` runs), or `http`, every module listening on a port of its own
 * and the router calling them over HTTP (what compose and Kubernetes run, in one process). The e2e
 * suite runs compact; E2E_TOPOLOGY=http runs it all over HTTP, and http-topology.e2e.test.ts and the
 * partial-failure test run that topology in every run.
 */
export type Topology = 'compact' | 'http';

export interface Platform {
  /** The router's /graphql URL (and ws:// for subscriptions). */
  url: string;
  topology: Topology;
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
  readonly events: Record<string, ModuleEvents>;
  /** Stops one module's relay and consumers (a module that is down for events), and starts them again. */
  stopEvents(module: string): Promise<void>;
  startEvents(module: string): Promise<void>;
  /** Stops one subgraph (to test partial failure); the router keeps its URL. */
  stopSubgraph(name: string): Promise<void>;
  /** The host (modules and router) under the platform. */
  host: RunningHost;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  tokenTtlSeconds?: number;
  countSql?: boolean;
  /** The NATS server (default: the test server); a test may run its own to restart it. */
  natsUrl?: string;
  /** Payloads waiting for one subscriber before the router disconnects it (default 100). */
  maxPendingPerSubscriber?: number;
  /** WebSocket bounds (tests of the limits set small ones). */
  wsLimits?: Partial<import('../src/subscriptions.js').WebSocketLimits>;
  /** A supergraph file the router serves and watches (default: the committed one, not watched). */
  supergraphPath?: string;
  /** Overrides for every consumer (e.g. shorter backoff). */
  consumerOptions?: Pick<ConsumerOptions<never>, 'maxDeliver' | 'backoffMs' | 'concurrency'>;
  /** Default: E2E_TOPOLOGY, else compact. */
  topology?: Topology;
  /** Rate limits and the rest (default: limits far above what any test sends, keys under the platform's namespace). */
  traffic?: Partial<import('../src/traffic.js').TrafficLimits>;
  /** The bus namespace (default: one of the platform's own; '' on a private server whose permissions name the plain subjects). */
  namespace?: string;
  /** More environment for the host (e.g. TRUSTED_DOCUMENTS_ONLY). */
  env?: Record<string, string>;
}

/**
 * The whole platform for end-to-end tests, run by the module host from the modules' sources: every
 * module against the real test databases, each module's relay and consumers on the real NATS under a
 * namespace of the platform's own, and the router over the committed supergraph.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const topology = options.topology ?? ((process.env.E2E_TOPOLOGY as Topology | undefined) || 'compact');
  const namespace = options.namespace ?? testNamespace('e2e');
  const natsUrl = options.natsUrl ?? TEST_NATS_URL;
  const host = await startHost({
    services: ['all'],
    from: 'src',
    logger: createLogger('e2e', process.env.E2E_LOG_LEVEL ?? 'silent'),
    source: {
      ...process.env,
      JWT_SECRET,
      INTERNAL_CONTEXT_SECRET: TEST_INTERNAL_SECRET,
      ACCESS_TOKEN_TTL_SECONDS: String(options.tokenTtlSeconds ?? 600),
      CORS_ORIGINS: '*',
      INTROSPECTION: 'true',
      ...options.env,
    },
    moduleHttp: topology === 'http',
    routerOverHttp: topology === 'http',
    module: {
      namespace,
      natsUrl,
      listen: topology === 'http' ? { port: 0 } : false,
      db: { logQueries: options.countSql ?? false },
      consumerOptions: options.consumerOptions,
      relayOptions: { pollIntervalMs: 250 },
    },
    router: {
      port: 0,
      maxPendingPerSubscriber: options.maxPendingPerSubscriber,
      ...(options.wsLimits ? { wsLimits: options.wsLimits } : {}),
      // Watched only when a test gives its own file.
      supergraphPath: options.supergraphPath,
      // Tests share one router database and 127.0.0.1: each platform counts under its own namespace,
      // with limits no ordinary test reaches (the rate-limit tests set small ones).
      traffic: {
        namespace: `${namespace || 'private'}:`,
        limits: { userPerMinute: 1_000_000, anonymousPerMinute: 1_000_000, loginFailuresPerAddress: 1_000_000, ...options.traffic },
      },
    },
  });
  const sql: Record<string, SqlCounter> = options.countSql
    ? Object.fromEntries(Object.entries(host.modules).map(([name, running]) => [name, countSql(running.db as never)]))
    : {};
  const subgraphs: Record<string, Running> = Object.fromEntries(
    Object.entries(host.modules).map(([name, running]) => [name, { url: running.url, stop: () => running.stopHttp() }]),
  );
  const router = () => {
    if (!host.router) throw new Error('the platform has no router');
    return host.router;
  };
  return {
    url: router().url,
    topology,
    get router() {
      return router();
    },
    restartRouter: () => host.restartRouter(),
    subgraphs,
    sql,
    namespace,
    get events() {
      return Object.fromEntries(
        Object.entries(host.modules).flatMap(([name, running]) => (running.events ? [[name, running.events] as const] : [])),
      );
    },
    stopEvents: (module) => host.modules[module]!.stopEvents(),
    startEvents: (module) => host.modules[module]!.startEvents(),
    stopSubgraph: (name) => host.modules[name]!.stopHttp(),
    host,
    async stop() {
      await host.stop();
      // A private server (the test's own namespace) goes with its store.
      if (options.namespace === undefined) await deleteNamespaceStreams(namespace, natsUrl);
    },
  };
}

export interface Response<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/**
 * Sends one operation to the router over HTTP, with a bearer token when given. A typed operation
 * (`contract.X`) checks its variables and types the response's data; plain text answers `any`.
 */
export async function gql<Result, Variables>(
  url: string,
  query: TypedOperation<Result, Variables>,
  variables?: Variables,
  token?: string,
): Promise<Response<Result>>;
export async function gql<T = any>(url: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<Response<T>>;
export async function gql(url: string, query: string, variables: unknown = {}, token?: string): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Response, 'status'>) };
}

/** Signs up a new tenant (BUSINESS unless told) with a fresh owner; its owner's token and the tenant's id. */
export async function signUpTenant(
  url: string,
  companyName: string,
  plan: 'FREE' | 'BUSINESS' = 'BUSINESS',
): Promise<{ token: string; tenantId: string }> {
  const { signUp } = ok(
    await gql(url, contract.SignUp, {
      input: { companyName, name: 'Owner', email: `owner-${randomUUID()}@example.com`, password: 'a long enough password', plan },
    }),
  );
  return { token: signUp.token!, tenantId: signUp.tenant!.id };
}

/** The data of a response that must have succeeded, or a thrown error showing what came back. */
export function ok<T>(response: Response<T>): T {
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors ?? response)}`);
  return response.data;
}
