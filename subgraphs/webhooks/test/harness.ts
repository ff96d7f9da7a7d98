import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestModule, type TestModule, type TestModuleOptions } from '../../../packages/testkit/src/index.js';
import webhooks, { type Dispatcher, type WebhooksDb } from '../src/index.js';

export type RunningWebhooks = TestModule<WebhooksDb> & { dispatcher: Dispatcher };

/** Starts the Webhooks module in-process on a free port, on the test database; its dispatcher runs only when a test asks. */
export async function startWebhooks(options: TestModuleOptions = {}): Promise<RunningWebhooks> {
  const running = await startTestModule<WebhooksDb>(webhooks, { workers: false, ...options });
  return Object.assign(running, { dispatcher: running.workers[0] as Dispatcher });
}

export const ENDPOINT_FIELDS = 'id url description eventTypes enabled disabledReason failingSince previousSecretExpiresAt createdAt';
export const DELIVERY_FIELDS =
  'id eventId eventType subjectId status attempts lastResponseStatus lastError nextAttemptAt deliveredAt body createdAt attemptLog { number startedAt durationMs responseStatus responseBody error }';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on loopback: records every request and answers what `answer` says (200 by default). */
export async function startReceiver() {
  const received: Received[] = [];
  let answer: (request: Received) => { status: number; body?: string; headers?: Record<string, string>; delayMs?: number } = () => ({
    status: 200,
    body: 'ok',
  });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      const reply = answer(request);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body ?? '');
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    answer(next: typeof answer) {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
