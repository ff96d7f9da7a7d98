import { z } from 'zod';
import { baseEnvSchema } from '@tessera/service-kit';
import { eventBusEnvSchema } from '@tessera/events';
import { SUPERGRAPH_PATH, TRUSTED_DOCUMENTS_PATH } from './supergraph-config.js';

/** A comma-separated list of browser origins (`*`: any), as a list; `*` by default. */
const originList = z
  .string()
  .default('*')
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  );

/** The router's settings; SUBGRAPH_<NAME>_URL variables override schema/supergraph.yaml's URLs. */
export const routerEnvSchema = baseEnvSchema.extend(eventBusEnvSchema.shape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default('tessera-development-jwt-secret-change-me-now'),
  CORS_ORIGINS: originList,
  /** The supergraph the router serves; watched and reloaded on change or SIGHUP. */
  SUPERGRAPH_PATH: z.string().min(1).default(SUPERGRAPH_PATH),
  /** Where browsers find the GraphQL IDE (the dashboard's /graphiql), linked from the router's page. */
  TESSERA_IDE_URL: z.url().optional(),
  /** The longest an access token may live, whatever its own expiry says. */
  TOKEN_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 3600),
  /** WebSocket bounds per caller (see WebSocketLimits). */
  WS_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().positive().default(20),
  WS_MAX_CONNECTIONS_PER_TENANT: z.coerce.number().int().positive().default(500),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().positive().default(50),
  WS_MAX_DISTINCT_SELECTIONS: z.coerce.number().int().positive().default(20),
  /** Requests per minute per signed-in user and per anonymous client address (behaviour 9). */
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Requests per minute per user or key of a FREE / BUSINESS tenant (default: RATE_LIMIT_USER_PER_MINUTE). */
  RATE_LIMIT_FREE_PER_MINUTE: z.coerce.number().int().positive().optional(),
  RATE_LIMIT_BUSINESS_PER_MINUTE: z.coerce.number().int().positive().optional(),
  /** An API key's query-cost bucket (a leaky bucket: its size, and what it regains per second). */
  API_KEY_COST_BUCKET: z.coerce.number().int().positive().default(10_000),
  API_KEY_COST_RESTORE_PER_SECOND: z.coerce.number().positive().default(500),
  /** Failed logins per 15 minutes for one email and from one client address before logins are refused. */
  LOGIN_FAILURES_PER_EMAIL: z.coerce.number().int().positive().default(10),
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(50),
  /** How long a mutation's response is kept for its Idempotency-Key. */
  IDEMPOTENCY_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 3600),
  /** Whether X-Forwarded-For names the client (set only behind a proxy that sets it). */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** The most an operation may cost (each connection counts its `first`, nested lists multiply). */
  QUERY_MAX_COST: z.coerce.number().int().positive().default(10_000),
  /** The dashboard's trusted documents (graphql-codegen's persisted-documents.json; "" for none). */
  TRUSTED_DOCUMENTS_PATH: z.string().default(TRUSTED_DOCUMENTS_PATH),
  /**
   * Whether browsers of DASHBOARD_ORIGINS may run only those documents (API keys may run any operation):
   * on in production unless set.
   */
  TRUSTED_DOCUMENTS_ONLY: z.enum(['true', 'false']).optional(),
  /** The dashboard's origins, comma-separated; `*` (the default): every request that carries an Origin, i.e. every browser. */
  DASHBOARD_ORIGINS: originList,
  /** Payloads waiting for one subscriber before it is disconnected as too slow. */
  SUBSCRIPTION_MAX_PENDING: z.coerce.number().int().positive().default(100),
});

export type RouterEnv = z.infer<typeof routerEnvSchema>;

/** The router's trusted-documents setting from its environment: enforced in production unless TRUSTED_DOCUMENTS_ONLY says otherwise. */
export function trustedDocumentsOf(env: RouterEnv): { path: string | null; only: boolean; origins: string[] } {
  return {
    path: env.TRUSTED_DOCUMENTS_PATH || null,
    only: env.TRUSTED_DOCUMENTS_ONLY ? env.TRUSTED_DOCUMENTS_ONLY === 'true' : env.NODE_ENV === 'production',
    origins: env.DASHBOARD_ORIGINS,
  };
}
