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
  /**
   * The session's token was renewed: the socket reconnects with it now (its subscriptions resume on
   * the new connection), before the router closes it at the old token's expiry.
   */
  renewed(): void;
  dispose(): void;
}

/**
 * The GraphQL client for one signed-in user: HTTP for queries and mutations with the session's current
 * bearer token (read per request, so a refreshed token needs no new client), graphql-ws on the same URL
 * for subscriptions (the current token in connection_init; `renewed()` reconnects it with a refreshed
 * one). The server refusing the session calls `onSessionEnded`. Every
 * operation is sent by its trusted-document id in the production bundle (see vite.config.ts).
 */
export function createApiClient(config: AppConfig, getToken: () => string | null, onSessionEnded: () => void): ApiClient {
  let ws: WsClient | null = null;
  if (getToken()) {
    ws = createWsClient({
      url: config.graphqlWsUrl,
      lazy: true,
      lazyCloseTimeout: 5_000,
      connectionParams: () => {
        const token = getToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      retryAttempts: Infinity,
      // terminate() (renewed) closes with 4499, which is retried: the new connection sends the new token.
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
    fetchOptions: (): RequestInit => {
      const token = getToken();
      return { headers: token ? { authorization: `Bearer ${token}` } : {} };
    },
    exchanges: [
      mapExchange({
        onError(error) {
          if (getToken() && isUnauthenticated(error)) onSessionEnded();
        },
      }),
      cacheExchange,
      fetchExchange,
      ...(socket
        ? [
            subscriptionExchange({
              forwardSubscription(request) {
                return {
                  subscribe(sink) {
                    // Resumable: each payload's cursor becomes the subscription's `after`, and graphql-ws
                    // resubscribes with this same payload when it reconnects (a laptop waking from sleep,
                    // a router restart), so the server replays what was missed before going live again.
                    const variables: Record<string, unknown> = { ...(request.variables as Record<string, unknown> | undefined) };
                    const input = { ...request, query: request.query ?? '', variables };
                    const unsubscribe = socket.subscribe(input, {
                      next(value) {
                        const cursor = (value.extensions as { cursor?: unknown } | undefined)?.cursor;
                        if (typeof cursor === 'string') variables.after = cursor;
                        sink.next(value as Parameters<typeof sink.next>[0]);
                      },
                      error: (error) => sink.error(error),
                      complete: () => sink.complete(),
                    });
                    return { unsubscribe };
                  },
                };
              },
            }),
          ]
        : []),
    ],
  });
  return { client, renewed: () => socket?.terminate(), dispose: () => void socket?.dispose() };
}
