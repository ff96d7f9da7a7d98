import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveSubscription<T = any> {
  /** Payloads received so far, in order. */
  payloads: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }[];
  /** Resolves with the close code and reason when the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the next payload after `count` have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  dispose(): Promise<void>;
  client: Client;
}

/** Subscribes over graphql-ws (`graphql-transport-ws`) like a browser would, with a bearer token or none. */
export function subscribe<T = any>(
  httpUrl: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  options: { retry?: boolean } = {},
): LiveSubscription<T> {
  const payloads: LiveSubscription<T>['payloads'] = [];
  let onClosed!: (value: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const waiters: { count: number; resolve: () => void }[] = [];
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    lazy: false,
    retryAttempts: options.retry ? 20 : 0,
    retryWait: async () => new Promise((resolve) => setTimeout(resolve, 200)),
    shouldRetry: () => Boolean(options.retry),
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
  });
  client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        payloads.push(value as LiveSubscription<T>['payloads'][number]);
        for (const waiter of waiters.filter((w) => payloads.length >= w.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return {
    payloads,
    closed,
    client,
    waitFor(count, timeoutMs = 10_000) {
      if (payloads.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} payloads within ${timeoutMs} ms, got ${payloads.length}: ${JSON.stringify(payloads)}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    async dispose() {
      await client.dispose();
    },
  };
}
