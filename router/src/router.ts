import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { createRequire } from 'node:module';
import { buildSchema, GraphQLError, Kind, parse, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { connectEventBus, type EventBus } from '@tessera/events';
import {
  annotateActiveSpan,
  collectProcessMetrics,
  createErrorFormatter,
  graphqlMetricsPlugin,
  headerMapOf,
  Probes,
  readJsonBody,
  sendApolloResponse,
  sendError,
  serve,
  serveOperational,
  verifyAccessToken,
  API_KEY_PATTERN,
  API_KEY_PREFIX,
  hashSecret,
  type CallerContext,
  type Logger,
} from '@tessera/service-kit';
import type { RouterContext } from './context.js';
import { LocalSubgraphDataSource, SubgraphDataSource, type LocalSubgraph } from './data-source.js';
import { FieldOwnership } from './entitlements.js';
import { CallerSchemas, callerSchemaPlugin } from './caller-schema.js';
import { ApiKeyCache, identityOverHttp, TenantAccessCache, unauthenticated } from './tenant-access.js';
import { MAX_TOKENS, operationLimits, type OperationLimits } from './limits.js';
import { attachSubscriptions, type WebSocketLimits } from './subscriptions.js';
import { SupergraphSource, type ReloadResult } from './supergraph-source.js';
import { landingPage } from './landing-page.js';
import { DEFAULT_MAX_COST, queryCostPlugin } from './cost.js';
import { resolveOperation, TrustedDocuments, type TrustedDocumentsPolicy } from './trusted-documents.js';
import { clientAddress, DEFAULT_TRAFFIC_LIMITS, isMutation, loginEmailOf, Traffic, type TrafficLimits } from './traffic.js';

const requireCjs = createRequire(import.meta.url);

export interface RouterOptions {
  supergraphSdl: string;
  /** The supergraph file: watched, and reloaded on change or SIGHUP, without a restart. */
  supergraphPath?: string;
  /** Subgraph URL by subgraph name; a name missing here uses the supergraph's routing URL. */
  subgraphUrls: Record<string, string>;
  jwtSecret: string;
  /** The longest an access token may live (default 24 h). */
  tokenMaxAgeSeconds?: number;
  internalSecret: string;
  logger: Logger;
  /** Whether introspection is served (development). Off also hides "Did you mean ..." suggestions. */
  introspection: boolean;
  corsOrigins: string[];
  limits?: Partial<OperationLimits>;
  /** The event bus live subscriptions follow; without it the router serves no subscriptions. */
  events?: { url: string; namespace?: string };
  /** Payloads waiting for one subscriber before it is disconnected as too slow (default 100). */
  maxPendingPerSubscriber?: number;
  /** What one caller may hold open over WebSocket (connections, subscriptions, distinct selections). */
  wsLimits?: Partial<WebSocketLimits>;
  /** Subgraphs running in this process (the compact topology), called without HTTP. */
  localSubgraphs?: Record<string, LocalSubgraph>;
  /** More dependency checks for /ready (the modules hosted in this process). */
  probes?: Probes;
  /** Where a browser finds the GraphQL IDE (the dashboard's /graphiql), shown on the router's page. */
  ideUrl?: string;
  /**
   * Rate limits, failed-login limits and idempotency, shared by every router instance through the
   * router's database (false: none, for a router without one). `namespace` prefixes its keys (tests).
   */
  traffic?: { limits?: Partial<TrafficLimits>; namespace?: string } | false;
  /** The most an operation may cost (see cost.ts; default 10,000); false: no cost analysis (the bench's reference). */
  maxCost?: number | false;
  /** How long identity's answer for an API key is kept (default 4 s; 0: asked on every request, the bench's reference). */
  apiKeyCacheTtlMs?: number;
  /**
   * The dashboard's trusted documents (persisted-documents.json): requests may name one by `documentId`;
   * with `only`, browsers of `origins` (`*`: any) may run nothing else unless they send an API key.
   */
  trustedDocuments?: { path: string | null; only: boolean; origins: string[] };
}

export interface RunningRouter {
  url: string;
  port: number;
  /** The live subscriptions server, when the router has an event bus. */
  subscriptions: ReturnType<typeof attachSubscriptions> | null;
  /** Applies a new supergraph (default: the supergraph file's content now), as a file change or SIGHUP does. */
  reloadSupergraph(sdl?: string): Promise<ReloadResult>;
  /** The per-caller schemas introspection answers from (their cache figures). */
  callerSchemas: CallerSchemas;
  /** Drains: stops accepting, finishes in-flight requests and subscription pushes, closes sockets and the bus. */
  stop(): Promise<void>;
}

/**
 * @apollo/gateway builds an OpenTelemetry meter provider in its constructor unless
 * APOLLO_TELEMETRY_DISABLED is `true` or `1`: its resource detectors probe cloud metadata addresses
 * (169.254.169.254, metadata.google.internal, ...) and it reports to Apollo every hour. Nothing may
 * leave a Tessera deployment by itself, so the router turns it off unless the operator has set the
 * variable (to anything) on purpose. Called before every gateway is built, whatever starts the router.
 */
export function keepGatewayTelemetryLocal(env: NodeJS.ProcessEnv = process.env): void {
  env.APOLLO_TELEMETRY_DISABLED ??= 'true';
}

/** Root fields a caller without credentials may use. */
const ANONYMOUS_FIELDS = new Set(['signUp', 'login', 'acceptInvitation', 'refreshSession']);
const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

function rootFields(operation: OperationDefinitionNode | undefined): string[] {
  if (!operation) return [];
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : ['(fragment)']));
}

/** Authentication and entitlements, decided once the operation is known. */
function accessControl(ownership: () => FieldOwnership, introspection: boolean): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document, request }) {
          if (!operation) {
            throw new GraphQLError(
              request.operationName
                ? `The document has no operation named ${request.operationName}`
                : 'The document has several operations: name the one to run (operationName)',
              { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
            );
          }
          if (operation.operation === 'subscription') {
            throw new GraphQLError(
              'Subscriptions are served over WebSocket (graphql-ws, protocol graphql-transport-ws) at this URL, not over HTTP',
              {
                extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
              },
            );
          }
          if (!contextValue.caller.tenantId) {
            const allowed = (field: string) => ANONYMOUS_FIELDS.has(field) || (introspection && INTROSPECTION_FIELDS.has(field));
            const fields = rootFields(operation);
            if (fields.length === 0 || !fields.every(allowed)) {
              throw unauthenticated(contextValue.authFailure === 'expired' ? 'The access token has expired' : 'Authentication required');
            }
            return;
          }
          if (operation.operation === 'mutation' && contextValue.apiKeyAccess === 'READ') {
            throw new GraphQLError('This API key has READ access: it may not run mutations', {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            });
          }
          ownership().assertEntitled(document, contextValue.enabledModules);
        },
      };
    },
  };
}

/**
 * The Tessera router: one GraphQL endpoint over the composed supergraph. Authenticates bearer tokens,
 * loads the tenant's entitlements, refuses what the caller may not do, and hands each subgraph a
 * signed caller context.
 */
export function createRouter(options: RouterOptions) {
  const { logger } = options;
  collectProcessMetrics();
  const supergraph = new SupergraphSource(options.supergraphSdl, logger.child({ component: 'supergraph' }), options.supergraphPath);
  let ownership = new FieldOwnership(parse(options.supergraphSdl));
  const identityUrl = () => options.subgraphUrls.identity ?? 'http://127.0.0.1:4001/graphql';
  const localIdentity = options.localSubgraphs?.identity;
  const askIdentity = localIdentity
    ? (signed: string, query: string) => localIdentity.executeLocal(signed, { query })
    : identityOverHttp(identityUrl);
  const accessCache = new TenantAccessCache(askIdentity, options.internalSecret);
  const apiKeys = new ApiKeyCache(askIdentity, options.internalSecret, options.apiKeyCacheTtlMs);
  const httpServer = createServer();
  keepGatewayTelemetryLocal();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    buildService: ({ name, url }) => {
      const local = options.localSubgraphs?.[name];
      return local
        ? new LocalSubgraphDataSource(name, local, options.internalSecret)
        : new SubgraphDataSource(name, options.subgraphUrls[name] ?? url ?? '', options.internalSecret);
    },
    logger: {
      debug: () => {},
      info: () => {},
      warn: (m: unknown) => logger.warn(String(m)),
      error: (m: unknown) => logger.error(String(m)),
    },
  });
  let apiSchema: GraphQLSchema | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema, coreSupergraphSdl }) => {
    // The gateway's schema comes from graphql's CommonJS build, graphql-ws uses its ES module build:
    // rebuild it here (from its SDL) so validation and execution see one graphql.
    apiSchema = buildSchema(requireCjs('graphql').printSchema(schema) as string);
    ownership = new FieldOwnership(parse(coreSupergraphSdl));
  });
  const trusted: TrustedDocumentsPolicy | null = options.trustedDocuments
    ? {
        documents: new TrustedDocuments(options.trustedDocuments.path, logger.child({ component: 'trusted-documents' })),
        only: options.trustedDocuments.only,
        origins: options.trustedDocuments.origins,
      }
    : null;
  const hideSuggestions = !options.introspection;
  const callerSchemas = new CallerSchemas(() => ({ apiSchema, ownership }));
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(logger),
    // The router drains itself (subscriptions, HTTP, the bus): Apollo's own signal handler would stop
    // the server and re-send the signal before the drain.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: [operationLimits(options.limits)],
    // Where the schema may not be introspected, "Did you mean ..." must not reveal it either.
    validationOptions: { hideSuggestions },
    hideSchemaDetailsFromClientErrors: hideSuggestions,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's landing page loads Apollo Sandbox from a CDN: the IDE is the dashboard's /graphiql.
      ApolloServerPluginLandingPageDisabled(),
      graphqlMetricsPlugin('router'),
      accessControl(() => ownership, options.introspection),
      // Introspection answers from the caller's modules only (behaviour 8).
      callerSchemaPlugin(callerSchemas),
      ...(options.maxCost === false ? [] : [queryCostPlugin(options.maxCost ?? DEFAULT_MAX_COST, () => traffic)]),
    ],
  });
  let bus: EventBus | null = null;
  const traffic =
    options.traffic === false
      ? null
      : new Traffic(
          { ...DEFAULT_TRAFFIC_LIMITS, ...options.traffic?.limits },
          logger.child({ component: 'traffic' }),
          options.traffic?.namespace,
        );
  const probes = (options.probes ?? new Probes())
    .add('supergraph', async () => {
      if (!apiSchema) throw new Error('not loaded');
    })
    .add('identity', async () => {
      const local = options.localSubgraphs?.identity;
      if (local) {
        if (!local.serving) throw new Error('identity is not running');
        return;
      }
      const response = await fetch(identityUrl().replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(1_500) });
      if (!response.ok) throw new Error(`identity answered ${response.status}`);
    });
  if (traffic) probes.add('store', () => traffic.check());
  if (options.events) {
    probes.add('nats', async () => {
      if (!bus) throw new Error('connecting');
      await bus.jsm.getAccountInfo();
    });
  }

  /**
   * The caller of a request or a socket from its `Authorization` value (`Bearer <token>`), with the
   * token's expiry (seconds since the epoch) when it was accepted.
   */
  async function buildContext(
    authorization: string | undefined,
    requestId: string,
  ): Promise<{ context: RouterContext; expiresAt: number | null }> {
    const requestLogger = logger.child({ requestId });
    const anonymous: CallerContext = { tenantId: null, userId: null, role: null, requestId, currency: 'USD' };
    const refused = (authFailure: RouterContext['authFailure']) => ({
      context: { requestId, caller: anonymous, authFailure, enabledModules: [], logger: requestLogger },
      expiresAt: null,
    });
    if (!authorization) return refused(null);
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    if (token.startsWith(API_KEY_PREFIX)) {
      // Behaviour 8: an API key acts for its tenant within its modules; it is not a user.
      const secretHash = hashSecret(token);
      const grant = API_KEY_PATTERN.test(token) ? await apiKeys.get(secretHash, requestId) : null;
      if (!grant) return refused('invalid');
      annotateActiveSpan({ 'tessera.tenant_id': grant.tenantId, 'tessera.api_key_id': grant.apiKeyId });
      return {
        context: {
          requestId,
          caller: {
            tenantId: grant.tenantId,
            userId: null,
            role: null,
            apiKeyId: grant.apiKeyId,
            apiKeyModules: grant.enabledModules,
            requestId,
            currency: grant.defaultCurrency,
          },
          authFailure: null,
          enabledModules: grant.enabledModules,
          apiKeyAccess: grant.access,
          plan: grant.plan,
          apiKeyHash: secretHash,
          logger: requestLogger.child({ tenantId: grant.tenantId, apiKeyId: grant.apiKeyId }),
        },
        // A socket re-checks its key every 30 s (stillAllowed); it is not closed on a timer.
        expiresAt: Math.floor(Date.now() / 1000) + 24 * 3600,
      };
    }
    const check = await verifyAccessToken(token, options.jwtSecret, options.tokenMaxAgeSeconds);
    if (!check.ok) return refused(check.reason);
    const { tenantId, userId, role, tokenVersion } = check.claims;
    const access = await accessCache.get({ tenantId, userId, role, requestId, currency: 'USD' });
    // A deactivated user, or a token of an older version (logout, password change): refused.
    if (!access.userActive || access.tokenVersion !== tokenVersion) return refused('invalid');
    annotateActiveSpan({ 'tessera.tenant_id': tenantId, 'tessera.user_id': userId });
    return {
      context: {
        requestId,
        caller: { tenantId, userId, role: access.role ?? role, requestId, currency: access.defaultCurrency },
        authFailure: null,
        enabledModules: access.enabledModules,
        plan: access.plan,
        tokenVersion,
        logger: requestLogger.child({ tenantId }),
      },
      expiresAt: check.expiresAt,
    };
  }

  function applyCors(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (!origin) return;
    if (options.corsOrigins.includes('*') || options.corsOrigins.includes(origin)) {
      res.setHeader('access-control-allow-origin', options.corsOrigins.includes('*') ? '*' : origin);
      res.setHeader('access-control-allow-headers', 'authorization, content-type, x-request-id, apollo-require-preflight');
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('access-control-max-age', '600');
      res.setHeader('vary', 'origin');
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://router');
    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (await serveOperational(url.pathname, res, 'router', probes)) return;
    if (url.pathname !== '/graphql' && url.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    const headers = headerMapOf(req);
    if (req.method === 'GET' && !url.search && (headers.get('accept') ?? '').includes('text/html')) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      res.end(landingPage(options.ideUrl));
      return;
    }
    const requestId = /^[\w-]{8,64}$/.test(headers.get('x-request-id') ?? '') ? (headers.get('x-request-id') as string) : randomUUID();
    res.setHeader('x-request-id', requestId);
    annotateActiveSpan({ 'tessera.service': 'router', 'tessera.request_id': requestId });
    let body = await readJsonBody(req);
    const { context } = await buildContext(headers.get('authorization'), requestId);
    /** Replaces a `documentId` by its registered text; false (answered) when the request may not run. */
    const resolveDocument = (): boolean => {
      if (!body || typeof body !== 'object' || Array.isArray(body)) return true;
      const resolved = resolveOperation(trusted, body as { query?: unknown; documentId?: unknown }, headers.get('origin'), context.caller);
      if (!resolved.ok) {
        sendError(res, 400, resolved.code, resolved.message);
        return false;
      }
      if (resolved.trusted) {
        const { documentId: _id, ...rest } = body as Record<string, unknown>;
        body = { ...rest, query: resolved.query };
      }
      return true;
    };
    const run = () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => context,
      });
    if (!traffic) {
      if (!resolveDocument()) return;
      await sendApolloResponse(res, await run());
      return;
    }
    const address = clientAddress(req, traffic.limits.trustProxy);
    const { caller } = context;
    const callerKey = caller.apiKeyId
      ? `key:${caller.apiKeyId}`
      : caller.userId
        ? `user:${caller.tenantId}:${caller.userId}`
        : `address:${address}`;
    // Behaviour 9: every request counts against its caller, before any module is called.
    const perMinute = caller.tenantId
      ? ((context.plan && traffic.limits.perPlanPerMinute?.[context.plan]) ?? traffic.limits.userPerMinute)
      : traffic.limits.anonymousPerMinute;
    const rate = await traffic.consume(callerKey, perMinute);
    res.setHeader('ratelimit-limit', String(rate.limit));
    res.setHeader('ratelimit-remaining', String(rate.remaining));
    res.setHeader('ratelimit-reset', String(rate.resetSeconds));
    if (!rate.allowed) {
      res.setHeader('retry-after', String(Math.max(1, rate.resetSeconds)));
      sendError(
        res,
        429,
        'RATE_LIMITED',
        `Too many requests: the limit is ${rate.limit} per minute. Retry after ${Math.max(1, rate.resetSeconds)} s.`,
      );
      return;
    }
    if (!resolveDocument()) return;
    // Failed logins per email and per address are limited before identity computes a password hash.
    const email = loginEmailOf(body);
    if (email) {
      const wait = await traffic.loginRefusedFor(email, address);
      if (wait > 0) {
        res.setHeader('retry-after', String(wait));
        sendError(res, 429, 'RATE_LIMITED', `Too many failed logins: retry after ${wait} s.`);
        return;
      }
    }
    // Behaviour 10: a mutation with an Idempotency-Key runs once per caller and key.
    const idempotencyKey = req.method === 'POST' ? headers.get('idempotency-key') : undefined;
    if (idempotencyKey !== undefined && isMutation(body)) {
      if (!/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
        sendError(res, 400, 'BAD_USER_INPUT', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
        return;
      }
      const claim = await traffic.claim(callerKey, idempotencyKey, body);
      if (claim.kind === 'reused') {
        sendError(
          res,
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used with a different request: use a new key for a new request',
        );
        return;
      }
      if (claim.kind === 'in-progress') {
        res.setHeader('retry-after', '1');
        sendError(res, 409, 'IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running: retry shortly');
        return;
      }
      if (claim.kind === 'replay') {
        for (const [key, value] of Object.entries(claim.response.headers)) res.setHeader(key, value);
        res.setHeader('idempotent-replayed', 'true');
        res.writeHead(claim.response.status).end(claim.response.body);
        return;
      }
      let response;
      try {
        response = await run();
      } catch (error) {
        await claim.abandon();
        throw error;
      }
      const text = response.body.kind === 'complete' ? response.body.string : null;
      // A failure of the platform (5xx) is not an answer to keep: the client may retry with the same key.
      if (text !== null && (response.status ?? 200) < 500) {
        await claim.complete({
          status: response.status ?? 200,
          headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' },
          body: text,
        });
      } else await claim.abandon();
      await sendApolloResponse(res, response);
      return;
    }
    const response = await run();
    if (email && response.body.kind === 'complete') {
      const login = (JSON.parse(response.body.string) as { data?: { login?: { token?: string | null } | null } }).data?.login;
      await traffic.recordLogin(email, address, Boolean(login?.token));
    }
    await sendApolloResponse(res, response);
  }

  /** Runs an operation through the gateway as `context`'s caller (subscription payloads, operations over the socket). */
  async function execute(query: string, variables: Record<string, unknown> | undefined, context: RouterContext): Promise<ExecutionResult> {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: context });
    if (response.body.kind !== 'single') return { errors: [] };
    const { data, errors } = response.body.singleResult;
    // Formatted (already masked) errors, as GraphQLErrors again: graphql-ws serialises them with toJSON().
    const revived = errors?.map((error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions }));
    return { data: data ?? null, ...(revived ? { errors: revived } : {}) } as ExecutionResult;
  }

  async function startSubscriptions(events: EventBus) {
    if (!apiSchema) throw new Error('the gateway has no schema yet');
    return attachSubscriptions({
      httpServer,
      schema: () => apiSchema as GraphQLSchema,
      ownership: () => ownership,
      bus: events,
      logger: logger.child({ component: 'subscriptions' }),
      limits: options.limits,
      hideSuggestions,
      maxPending: options.maxPendingPerSubscriber,
      wsLimits: options.wsLimits,
      async authenticate(authorization) {
        const { context, expiresAt } = await buildContext(authorization, randomUUID());
        return context.caller.tenantId && expiresAt !== null ? { context, expiresAt } : null;
      },
      stillAllowed: async (context) => {
        if (!context.caller.tenantId) return false;
        if (context.apiKeyHash) return (await apiKeys.get(context.apiKeyHash, randomUUID()))?.apiKeyId === context.caller.apiKeyId;
        const access = await accessCache.get({ ...context.caller, tenantId: context.caller.tenantId });
        return access.userActive && access.tokenVersion === context.tokenVersion;
      },
      execute,
      resolveOperation: (payload, origin, context) => resolveOperation(trusted, payload, origin, context.caller),
    });
  }

  return {
    async listen(port: number, host = '127.0.0.1'): Promise<RunningRouter> {
      await apollo.start();
      bus = options.events
        ? await connectEventBus({ url: options.events.url, namespace: options.events.namespace, name: 'router', logger })
        : null;
      const subscriptions = bus ? await startSubscriptions(bus) : null;
      const actual = await serve(httpServer, logger, handle, port, host);
      const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}/graphql`;
      logger.info({ url, subscriptions: Boolean(subscriptions) }, 'router ready');
      let stopped: Promise<void> | null = null;
      return {
        url,
        port: actual,
        subscriptions,
        reloadSupergraph: (sdl) => supergraph.reload(sdl),
        callerSchemas,
        stop: () =>
          (stopped ??= (async () => {
            // No new connections (HTTP or WebSocket upgrades) from here on; established ones go on.
            httpServer.close();
            // Subscriptions first, while the gateway still runs: pushes in flight are delivered, then
            // sockets close with 1001 so clients reconnect to another instance.
            await subscriptions?.close();
            // In-flight HTTP requests finish (the drain plugin), then the gateway and the watcher stop.
            await apollo.stop();
            await bus?.close();
            await traffic?.close();
          })()),
      };
    },
  };
}
