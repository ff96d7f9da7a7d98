import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import { createErrorFormatter, ErrorCode, TesseraError } from './errors.js';
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
  /** Builds the request-scoped context (tenant-scoped data access, DataLoaders) for a verified caller. */
  createContext: (base: RequestContext) => TContext | Promise<TContext>;
  /** Called once while the server stops, after in-flight requests have finished. */
  onStop?: () => Promise<void>;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

/** Refuses any operation of an anonymous caller that touches a root field outside the allow-list. */
function anonymousGuard(allowed: ReadonlySet<string>): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (contextValue.caller.tenantId) return;
          const fields = operation ? rootFieldNames(operation) : [];
          if (fields.some((field) => !allowed.has(field))) {
            throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
          }
        },
      };
    },
  };
}

function rootFieldNames(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD && selection.name.value !== '__typename' ? [selection.name.value] : [],
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A federation subgraph on plain node:http: verifies the router's signed caller context on every
 * request (a subgraph reached directly gives nothing), builds the request context, serves /health,
 * and drains in-flight requests on stop.
 */
export function createSubgraph<TContext extends RequestContext>(options: SubgraphOptions<TContext>) {
  const httpServer: Server = createServer();
  const logger = options.logger;
  const apollo = new ApolloServer<RequestContext>({
    schema: buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No Apollo Studio here: federated traces would cost every request for nobody.
      ApolloServerPluginInlineTraceDisabled(),
      anonymousGuard(new Set(options.anonymousFields ?? [])),
    ],
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (url.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', service: options.name }));
      return;
    }
    if (url.pathname !== '/graphql') {
      res.writeHead(404).end();
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const caller = verifyCallerContext(headers.get(INTERNAL_CONTEXT_HEADER), options.secret);
    if (!caller) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ errors: [{ message: 'Missing or invalid internal context', extensions: { code: ErrorCode.UNAUTHENTICATED } }] }),
      );
      return;
    }
    let body: unknown;
    try {
      const raw = req.method === 'POST' ? await readBody(req) : '';
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ errors: [{ message: 'Invalid request body', extensions: { code: 'BAD_REQUEST' } }] }));
      return;
    }
    const requestLogger = logger.child({ tenantId: caller.tenantId, requestId: caller.requestId || randomUUID() });
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: url.search, body },
      context: async () => options.createContext({ caller, logger: requestLogger }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return {
    apollo,
    /** Starts listening; port 0 picks a free port (tests). */
    async listen(port: number, host = '127.0.0.1'): Promise<RunningSubgraph> {
      await apollo.start();
      httpServer.on('request', (req, res) => {
        handle(req, res).catch((error: unknown) => {
          logger.error({ err: error }, 'request failed');
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] }),
          );
        });
      });
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const actual = (httpServer.address() as AddressInfo).port;
      const url = `http://${host}:${actual}/graphql`;
      logger.info({ url }, `${options.name} subgraph ready`);
      return {
        url,
        port: actual,
        stop: async () => {
          await apollo.stop();
          await options.onStop?.();
        },
      };
    },
  };
}
