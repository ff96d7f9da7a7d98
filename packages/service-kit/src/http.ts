import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import type { Logger } from 'pino';
import { ErrorCode } from './errors.js';
import { scrapeMetrics } from './metrics.js';

/** Largest request body a Tessera service reads. */
export const MAX_BODY_BYTES = 1_000_000;

/** A request that cannot be served, with the status and code it answers with. */
export class HttpRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The request's headers as Apollo's HeaderMap (lower-case names, repeated values joined). */
export function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Reads and parses a POST body as JSON (undefined for other methods); refuses oversized or invalid bodies. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpRequestError(413, 'BAD_REQUEST', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    throw new HttpRequestError(400, 'BAD_REQUEST', 'Invalid JSON body');
  }
}

/** Answers with a GraphQL-shaped error body. */
export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** Writes Apollo's HTTP response (complete or chunked) to node's response. */
export async function sendApolloResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * Serves `handle` on the server and starts listening; request errors become a JSON error (never a
 * stack), unexpected ones are logged. Resolves with the port actually bound (0 picks a free one).
 */
export async function serve(
  httpServer: Server,
  logger: Logger,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  port: number,
  host: string,
): Promise<number> {
  httpServer.on('request', (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpRequestError) return sendError(res, error.status, error.code, error.message);
      logger.error({ err: error }, 'request failed');
      sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  return (httpServer.address() as AddressInfo).port;
}

/**
 * The operational endpoints every service serves beside /graphql: `/health` (alive), `/ready` (every
 * dependency check; 503 when one fails) and `/metrics` (Prometheus text). Returns false for any other path.
 */
export async function serveOperational(
  pathname: string,
  res: ServerResponse,
  service: string,
  probes: { readiness(): Promise<{ status: string }> },
): Promise<boolean> {
  if (pathname === '/health') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ status: 'ok', service }));
    return true;
  }
  if (pathname === '/ready') {
    const readiness = await probes.readiness();
    res
      .writeHead(readiness.status === 'ready' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify({ service, ...readiness }));
    return true;
  }
  if (pathname === '/metrics') {
    const { contentType, body } = await scrapeMetrics();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
    return true;
  }
  return false;
}
