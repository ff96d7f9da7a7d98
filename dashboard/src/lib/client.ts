import { cacheExchange, Client, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import type { AppConfig } from './config';
import { isUnauthenticated } from './errors';

/** graphql-ws close codes of the router that mean "sign in again" (expired / refused credentials). */
const SESSION_CLOSE_CODES = new Set([4401, 4403]);

/** Whether a graphql-ws close event (or error) says the session is over. */
export function closedForSession(event: unknown): boolean {
  return !!event && typeof event === 'object' && 'code' in event && SESSION_CLOSE_CODES.has((event as CloseEvent).code);
}

export interface ApiClient {
  client: Client;
  dispose(): void;
}

/**
 * The GraphQL client for one session: HTTP for queries and mutations with the bearer token, graphql-ws
 * on the same URL for subscriptions (the token in connection_init). Either transport telling us the
 * session is over calls `onSessionEnded`.
 */
export function createApiClient(config: AppConfig, token: string | null, onSessionEnded: () => void): ApiClient {
  let ws: WsClient | null = null;
  if (token) {
    ws = createWsClient({
      url: config.graphqlWsUrl,
      lazy: true,
      lazyCloseTimeout: 5_000,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: Infinity,
      shouldRetry: (event) => !closedForSession(event),
      on: {
        closed: (event) => {
          if (closedForSession(event)) onSessionEnded();
        },
      },
    });
  }
  const socket = ws;
  const client = new Client({
    url: config.graphqlUrl,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : {} }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (token && isUnauthenticated(error)) onSessionEnded();
        },
      }),
      cacheExchange,
      fetchExchange,
      ...(socket
        ? [
            subscriptionExchange({
              forwardSubscription(request) {
                const input = { ...request, query: request.query ?? '' };
                return {
                  subscribe(sink) {
                    const unsubscribe = socket.subscribe(input, sink);
                    return { unsubscribe };
                  },
                };
              },
            }),
          ]
        : []),
    ],
  });
  return { client, dispose: () => void socket?.dispose() };
}
