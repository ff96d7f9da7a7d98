import { readFileSync } from 'node:fs';
import { createLogger } from '@tessera/service-kit';
import { createRouter } from '../src/router.js';
import { SUPERGRAPH_PATH } from '../src/supergraph-config.js';
import { countSql, TEST_INTERNAL_SECRET, type SqlCounter } from '../../packages/testkit/src/index.js';
import { createIdentityDb, createIdentitySubgraph } from '../../subgraphs/identity/src/index.js';
import { createCrmDb, createCrmSubgraph } from '../../subgraphs/crm/src/index.js';
import { createInvoicingDb, createInvoicingSubgraph } from '../../subgraphs/invoicing/src/index.js';

export const JWT_SECRET = 'e2e-test-jwt-secret-of-at-least-32-chars';

interface Running {
  url: string;
  stop(): Promise<void>;
}

export interface Platform {
  /** The router's /graphql URL. */
  url: string;
  subgraphs: Record<string, Running>;
  /** SQL statements each module's database received, when started with `countSql`. */
  sql: Record<string, SqlCounter>;
  /** Stops one subgraph (to test partial failure); the router keeps its URL. */
  stopSubgraph(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole platform in one process for end-to-end tests: every subgraph on a free port against the
 * real test databases, and the router over the committed supergraph, all talking HTTP.
 */
export async function startPlatform(options: { tokenTtlSeconds?: number; countSql?: boolean } = {}): Promise<Platform> {
  const logger = createLogger('e2e', process.env.E2E_LOG_LEVEL ?? 'silent');
  const secret = TEST_INTERNAL_SECRET;
  const dbOptions = { logQueries: options.countSql ?? false };
  const dbs = { identity: createIdentityDb(dbOptions), crm: createCrmDb(dbOptions), invoicing: createInvoicingDb(dbOptions) };
  const sql: Record<string, SqlCounter> = options.countSql
    ? Object.fromEntries(Object.entries(dbs).map(([name, db]) => [name, countSql(db)]))
    : {};
  const subgraphs: Record<string, Running> = {
    identity: await createIdentitySubgraph({
      db: dbs.identity,
      tokens: { secret: JWT_SECRET, ttlSeconds: options.tokenTtlSeconds ?? 600 },
      secret,
      logger,
    }).listen(0),
    crm: await createCrmSubgraph({ db: dbs.crm, secret, logger }).listen(0),
    invoicing: await createInvoicingSubgraph({ db: dbs.invoicing, secret, logger }).listen(0),
  };
  const router = await createRouter({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, running]) => [name, running.url])),
    jwtSecret: JWT_SECRET,
    internalSecret: secret,
    logger,
    introspection: true,
    corsOrigins: ['*'],
  }).listen(0);
  const stopped = new Set<string>();
  return {
    url: router.url,
    subgraphs,
    sql,
    async stopSubgraph(name) {
      stopped.add(name);
      await subgraphs[name]?.stop();
    },
    async stop() {
      await router.stop();
      await Promise.all(
        Object.entries(subgraphs)
          .filter(([name]) => !stopped.has(name))
          .map(([, running]) => running.stop()),
      );
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
