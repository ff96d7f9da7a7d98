import { RemoteGraphQLDataSource, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import {
  ErrorCode,
  histogram,
  INTERNAL_CONTEXT_HEADER,
  signCallerContext,
  type LocalRequest,
  type LocalResponse,
} from '@tessera/service-kit';
import type { RouterContext } from './context.js';
import { isModuleEnabled, moduleNotEnabled, moduleOfSubgraph } from './entitlements.js';

/** A subgraph in the router's own process (the compact topology): called without HTTP. */
export interface LocalSubgraph {
  readonly serving: boolean;
  executeLocal(signedContext: string, request: LocalRequest): Promise<LocalResponse>;
}

const fetches = () =>
  histogram('tessera_subgraph_request_duration_seconds', 'Requests from the router to each subgraph, by outcome', ['subgraph', 'outcome']);

const callerOf = (context: GraphQLDataSourceProcessOptions<RouterContext>['context']) =>
  'caller' in context && context.caller ? context.caller : null;

/**
 * What every way of reaching a subgraph does around the call: a fetch from the subgraph of a module
 * the tenant has not enabled is never sent (its fields come back null with MODULE_NOT_ENABLED), the
 * call is timed, and a subgraph that cannot be reached becomes an error naming it
 * (`extensions.serviceName`), so the rest of a cross-module query still answers.
 */
async function guarded(
  serviceName: string,
  options: GraphQLDataSourceProcessOptions<RouterContext>,
  call: () => Promise<GatewayGraphQLResponse>,
): Promise<GatewayGraphQLResponse> {
  const context = options.context;
  if ('caller' in context && context.caller?.tenantId && !isModuleEnabled(serviceName, new Set(context.enabledModules))) {
    throw moduleNotEnabled(moduleOfSubgraph(serviceName), `data from the ${serviceName} service`);
  }
  const started = performance.now();
  const observe = (outcome: string) => fetches().observe({ subgraph: serviceName, outcome }, (performance.now() - started) / 1000);
  try {
    const response = await call();
    observe(response.errors?.length ? 'errors' : 'ok');
    return response;
  } catch (error) {
    observe('unavailable');
    if (error instanceof GraphQLError && typeof error.extensions.code === 'string' && error.extensions.code !== 'INTERNAL_SERVER_ERROR')
      throw error;
    throw new GraphQLError(`The ${serviceName} service is unavailable`, {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName },
    });
  }
}

/** A subgraph over HTTP: every request carries the caller's context, signed. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly secret: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const caller = callerOf(context);
    if (!caller || !request.http) return;
    request.http.headers.set(INTERNAL_CONTEXT_HEADER, signCallerContext(caller, this.secret));
  }

  override process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<GatewayGraphQLResponse> {
    return guarded(this.serviceName, options, () => super.process(options));
  }

  /**
   * A subgraph's refusal (HTTP 4xx with GraphQL errors: a variable its scalars reject, such as an
   * impossible date) stays the client's error, with the subgraph's message and code; only a failing
   * or unreachable subgraph is SERVICE_UNAVAILABLE (see `guarded`).
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    if (response.status >= 400 && response.status < 500) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { errors?: { message?: string; extensions?: { code?: string } }[] } | null;
      const first = body?.errors?.[0];
      if (first?.message) {
        const code = first.extensions?.code;
        const clientCode = code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? code : ErrorCode.BAD_USER_INPUT;
        return new GraphQLError(first.message, { extensions: { code: clientCode, serviceName: this.serviceName } });
      }
    }
    return super.errorFromResponse(response);
  }
}

/**
 * A subgraph in the same process: the same signed context as over HTTP, verified by the subgraph
 * the same way, but no socket, no HTTP and no JSON in between.
 */
export class LocalSubgraphDataSource implements GraphQLDataSource<RouterContext> {
  constructor(
    private readonly serviceName: string,
    private readonly subgraph: LocalSubgraph,
    private readonly secret: string,
  ) {}

  process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<GatewayGraphQLResponse> {
    return guarded(this.serviceName, options, async () => {
      if (!this.subgraph.serving) throw new Error(`${this.serviceName} is not running`);
      const caller = callerOf(options.context);
      const signed = caller ? signCallerContext(caller, this.secret) : '';
      const { query, variables, operationName, extensions } = options.request;
      return (await this.subgraph.executeLocal(signed, {
        query,
        variables: variables as Record<string, unknown> | undefined,
        operationName,
        extensions: extensions as Record<string, unknown> | undefined,
      })) as GatewayGraphQLResponse;
    });
  }
}
