import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { headerMapOf, readJsonBody, sendApolloResponse, sendError, serve, serveOperational } from './http.js';
import { graphqlMetricsPlugin } from './metrics.js';
import { Probes } from './probes.js';
import { SpanKind, trace } from '@opentelemetry/api';
import { annotateActiveSpan } from './span-attributes.js';

const tracer = trace.getTracer('@tessera/service-kit');
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import { createErrorFormatter, ErrorCode, TesseraError } from './errors.js';
import { rootFieldNames } from './root-fields.js';
import { hideFields, permissionGuard, type PermissionTable } from './permissions.js';
import { INTERNAL_CONTEXT_HEADER, verifyCallerContext, type CallerContext } from './internal-context.js';

/** What every subgraph resolver receives, extended by each module with its own data access. */
export interface RequestContext extends BaseContext {
  caller: CallerContext;
  logger: Logger;
}

export interface SubgraphOptions<TContext extends RequestContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  secret: string;
  logger: Logger;
  /** Root fields that a signed context without a tenant may call (sign-up, login). */
  anonymousFields?: readonly string[];
  /** Who may call each mutation (and any restricted query): see permissions.ts. */
  permissions?: PermissionTable;
  /** Builds the request-scoped context (tenant-scoped data access, DataLoaders) for a verified caller. */
  createContext: (base: RequestContext) => TContext | Promise<TContext>;
  /** Called once while the server stops, after in-flight requests have finished. */
  onStop?: () => Promise<void>;
  /** Whether the schema may be introspected (through the router only: every request needs a signed context). Default true. */
  introspection?: boolean;
  /** The dependency checks `/ready` runs (its database, NATS); more can be added after creation. */
  probes?: Probes;
}

/** An operation for a subgraph from a router in the same process. */
export interface LocalRequest {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string | null;
  extensions?: Record<string, unknown>;
}

/** A subgraph's answer to a local request (what its HTTP response body would hold). */
export interface LocalResponse {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** A local request to a subgraph that has stopped (the router reports the service as unavailable). */
export class SubgraphUnavailableError extends Error {
  constructor(readonly serviceName: string) {
    super(`The ${serviceName} service is not running`);
  }
}

/** What every module's `create<Module>Subgraph` takes besides its own dependencies. */
export interface SubgraphServing {
  secret: string;
  logger: Logger;
  probes?: Probes;
  introspection?: boolean;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  /** Stops accepting requests and waits for the in-flight ones (the first step of a drain). */
  stopHttp(): Promise<void>;
  /** stopHttp, then `onStop` (pools). */
  stop(): Promise<void>;
}

/** Refuses any operation of an anonymous caller that touches a root field outside the allow-list. */
function anonymousGuard(allowed: ReadonlySet<string>): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          if (contextValue.caller.tenantId) return;
          const fields = operation ? rootFieldNames(document, operation).filter((field) => field !== '__typename') : [];
          if (fields.some((field) => !allowed.has(field))) {
            throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
          }
        },
      };
    },
  };
}

/**
 * A federation subgraph on plain node:http: verifies the router's signed caller context on every
 * request (a subgraph reached directly gives nothing), builds the request context, serves /health,
 * and drains in-flight requests on stop.
 */
export function createSubgraph<TContext extends RequestContext>(options: SubgraphOptions<TContext>) {
  // The router keeps connections to subgraphs alive; a server that closes an idle one while the
  // router reuses it turns a request into ECONNRESET (SERVICE_UNAVAILABLE). Outlive the client's idle timeout.
  const httpServer: Server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 });
  const logger = options.logger;
  const probes = options.probes ?? new Probes();
  const apollo = new ApolloServer<RequestContext>({
    schema: hideFields(
      buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
      options.permissions ?? {},
    ),
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    introspection: options.introspection ?? true,
    // The service drains itself (HTTP, then events, then pools): Apollo's own handler would stop the
    // server and re-send the signal before the drain.
    stopOnTerminationSignals: false,
    plugins: [
      graphqlMetricsPlugin(options.name),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No Apollo Studio here: federated traces would cost every request for nobody.
      ApolloServerPluginInlineTraceDisabled(),
      anonymousGuard(new Set(options.anonymousFields ?? [])),
      permissionGuard(options.permissions ?? {}),
    ],
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (await serveOperational(url.pathname, res, options.name, probes)) return;
    if (url.pathname !== '/graphql') {
      res.writeHead(404).end();
      return;
    }
    const headers = headerMapOf(req);
    const caller = verifyCallerContext(headers.get(INTERNAL_CONTEXT_HEADER), options.secret);
    if (!caller) {
      sendError(res, 401, ErrorCode.UNAUTHENTICATED, 'Missing or invalid internal context');
      return;
    }
    annotateActiveSpan({ 'tessera.service': options.name, 'tessera.tenant_id': caller.tenantId, 'tessera.request_id': caller.requestId });
    const body = await readJsonBody(req);
    const requestLogger = logger.child({ tenantId: caller.tenantId, requestId: caller.requestId || randomUUID() });
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: url.search, body },
      context: async () => options.createContext({ caller, logger: requestLogger }),
    });
    await sendApolloResponse(res, response);
  }

  let started: Promise<void> | null = null;
  let serving = true;
  const start = () => (started ??= apollo.start());
  let httpStopped: Promise<void> | null = null;
  let stopped: Promise<void> | null = null;
  const stopHttp = () =>
    (httpStopped ??= (async () => {
      serving = false;
      await start();
      await apollo.stop();
    })());
  const stop = () =>
    (stopped ??= (async () => {
      await stopHttp();
      await options.onStop?.();
    })());

  /**
   * The same request as over HTTP, from a router in the same process: the signed caller context is
   * verified exactly as for an HTTP request, then the operation runs through Apollo's pipeline
   * (plugins, formatError) without a socket, JSON or HTTP parsing in between.
   */
  async function executeLocal(signedContext: string, request: LocalRequest): Promise<LocalResponse> {
    if (!serving) throw new SubgraphUnavailableError(options.name);
    const caller = verifyCallerContext(signedContext, options.secret);
    if (!caller) return { errors: [{ message: 'Missing or invalid internal context', extensions: { code: ErrorCode.UNAUTHENTICATED } }] };
    await start();
    // No HTTP server span in-process: the module's own span stands in for it, with the same attributes.
    const attributes = {
      'tessera.service': options.name,
      'tessera.request_id': caller.requestId,
      ...(caller.tenantId ? { 'tessera.tenant_id': caller.tenantId } : {}),
    };
    return tracer.startActiveSpan(`${options.name} (in-process)`, { kind: SpanKind.SERVER, attributes }, async (span) => {
      try {
        const requestLogger = logger.child({ tenantId: caller.tenantId, requestId: caller.requestId || randomUUID() });
        const contextValue = await options.createContext({ caller, logger: requestLogger });
        const response = await apollo.executeOperation(
          {
            query: request.query,
            variables: request.variables,
            operationName: request.operationName ?? undefined,
            extensions: request.extensions,
          },
          { contextValue },
        );
        if (response.body.kind !== 'single')
          throw new Error(`${options.name}: incremental delivery is not supported between router and subgraph`);
        return response.body.singleResult as LocalResponse;
      } finally {
        span.end();
      }
    });
  }

  return {
    apollo,
    probes,
    /** Starts the server without listening (a router in the same process calls `executeLocal`). */
    start,
    executeLocal,
    /** Whether it still takes requests (false once it stops). */
    get serving() {
      return serving;
    },
    /** Starts listening; port 0 picks a free port (tests). */
    async listen(port: number, host = '127.0.0.1'): Promise<RunningSubgraph> {
      await start();
      const actual = await serve(httpServer, logger, handle, port, host);
      const url = `http://${host}:${actual}/graphql`;
      logger.info({ url }, `${options.name} subgraph ready`);
      return { url, port: actual, stopHttp, stop };
    },
    stopHttp,
    stop,
  };
}
