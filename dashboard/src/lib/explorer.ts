// The API explorer's transport and storage: what GraphiQL needs to talk to the router as the signed-in
// user. Imported only by the lazily loaded explorer page, so none of it is in the main bundle.
import { createGraphiQLFetcher, createLocalStorage, type Fetcher, type Storage as GraphiQLStorage } from '@graphiql/toolkit';
import { createClient as createWsClient } from 'graphql-ws';
import { closedForSession } from './client';
import type { AppConfig } from './config';

/** What the editor holds on a first visit: who am I, in which workspace, with which modules. */
export const DEFAULT_QUERY = `# Ctrl-Enter runs the operation.
# Ctrl-Space suggests fields; Docs lists them all.
query WhoAmI {
  me {
    id
    name
    tenant {
      name
      enabledModules
    }
  }
}
`;

export interface ExplorerTransport {
  fetcher: Fetcher;
  /** Closes the subscription socket. */
  dispose(): void;
}

/** Whether a GraphQL response body (parsed JSON) says the caller is not signed in (any more). */
export function saysUnauthenticated(body: unknown): boolean {
  const errors = body && typeof body === 'object' && 'errors' in body ? (body as { errors: unknown }).errors : null;
  return (
    Array.isArray(errors) &&
    errors.some((error) => (error as { extensions?: { code?: unknown } } | null)?.extensions?.code === 'UNAUTHENTICATED')
  );
}

/**
 * GraphiQL's fetcher for one session: HTTP with the bearer token for queries and mutations (and the
 * schema's introspection), graphql-ws on the API's socket URL for subscriptions, the token in
 * connection_init. Like the rest of the app, an UNAUTHENTICATED answer or a socket closed for the
 * session (4401 expired, 4403 refused) calls `onSessionEnded`.
 */
export function createExplorerTransport(
  config: AppConfig,
  token: string,
  onSessionEnded: () => void,
  fetchImpl: typeof fetch = (input, init) => window.fetch(input, init),
): ExplorerTransport {
  const authorization = `Bearer ${token}`;
  const wsClient = createWsClient({
    url: config.graphqlWsUrl,
    lazy: true,
    lazyCloseTimeout: 5_000,
    connectionParams: () => ({ authorization }),
    shouldRetry: (event) => !closedForSession(event),
    on: {
      closed: (event) => {
        if (closedForSession(event)) onSessionEnded();
      },
    },
  });
  const watchedFetch: typeof fetch = async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.status === 401 || /json/.test(response.headers.get('content-type') ?? '')) {
      void response
        .clone()
        .json()
        .then((body: unknown) => {
          if (saysUnauthenticated(body)) onSessionEnded();
        })
        .catch(() => undefined);
    }
    return response;
  };
  const fetcher = createGraphiQLFetcher({
    url: config.graphqlUrl,
    headers: { authorization },
    wsClient,
    fetch: watchedFetch,
  });
  return { fetcher, dispose: () => void wsClient.dispose() };
}

/**
 * GraphiQL keeps its tabs, queries, variables and history in localStorage. This keeps each user's apart
 * (`tessera.graphiql.<user id>:<key>`), so the next person to sign in on the same browser does not get
 * the previous one's queries and variables.
 */
export function userStorage(userId: string): GraphiQLStorage {
  return createLocalStorage({ namespace: `tessera.graphiql.${userId}` });
}
