import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { ErrorCode, histogram, INTERNAL_CONTEXT_HEADER, signCallerContext } from '@tessera/service-kit';
import type { RouterContext } from './context.js';
import { isModuleEnabled, moduleNotEnabled, moduleOfSubgraph } from './entitlements.js';

/**
 * How the router reaches a subgraph: every request carries the caller's context, signed, and a
 * subgraph that cannot be reached becomes an error naming it (`extensions.serviceName`), so the
 * rest of a cross-module query still answers. A fetch from the subgraph of a module the tenant has
 * not enabled is never sent: its fields come back null with MODULE_NOT_ENABLED.
 */
const fetches = () =>
  histogram('tessera_subgraph_request_duration_seconds', 'Requests from the router to each subgraph, by outcome', ['subgraph', 'outcome']);

export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  private readonly fetches = fetches();

  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly secret: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const caller = 'caller' in context && context.caller ? context.caller : null;
    if (!caller || !request.http) return;
    request.http.headers.set(INTERNAL_CONTEXT_HEADER, signCallerContext(caller, this.secret));
  }

  override async process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<GatewayGraphQLResponse> {
    const context = options.context;
    if ('caller' in context && context.caller?.tenantId && !isModuleEnabled(this.serviceName, new Set(context.enabledModules))) {
      throw moduleNotEnabled(moduleOfSubgraph(this.serviceName), `data from the ${this.serviceName} service`);
    }
    const started = performance.now();
    const observe = (outcome: string) =>
      this.fetches.observe({ subgraph: this.serviceName, outcome }, (performance.now() - started) / 1000);
    try {
      const response = await super.process(options);
      observe(response.errors?.length ? 'errors' : 'ok');
      return response;
    } catch (error) {
      observe('unavailable');
      if (error instanceof GraphQLError && typeof error.extensions.code === 'string' && error.extensions.code !== 'INTERNAL_SERVER_ERROR')
        throw error;
      throw new GraphQLError(`The ${this.serviceName} service is unavailable`, {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: this.serviceName },
      });
    }
  }
}
