/**
 * One webhook POST, with the guards of issue 15 item 2: the connection goes only to an address the
 * policy allows (checked on the address actually connected to, resolved once per attempt), no
 * redirect is followed (a 3xx is a failed attempt), the whole attempt has a deadline, and at most
 * RESPONSE_CAP bytes of the answer are read (the first RESPONSE_KEPT are kept for the log).
 * node:http(s) follow no redirects and let the connection's lookup be ours.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { hostOf, isLoopbackAddress, isPublicAddress } from '../domain/addresses.js';

export const RESPONSE_CAP = 64 * 1024;
export const RESPONSE_KEPT = 2048;

export interface AttemptResult {
  /** The answer's status, if one came. */
  status: number | null;
  /** The first RESPONSE_KEPT bytes of the answer, as text. */
  body: string | null;
  /** Why it failed without an answer (or with a non-2xx one). */
  error: string | null;
  durationMs: number;
  ok: boolean;
}

export interface SendOptions {
  timeoutMs: number;
  /** Production: public addresses only. Otherwise any address, but http only to loopback. */
  production: boolean;
  /** Resolves host names (node:dns by default; tests pass a resolver of their own). */
  lookup?: (host: string) => Promise<LookupAddress[]>;
}

class RefusedAddress extends Error {}

const systemLookup = (host: string): Promise<LookupAddress[]> =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** Whether an attempt may connect to `address` over `protocol`. */
function allowed(address: string, protocol: string, production: boolean): boolean {
  if (production) return protocol === 'https:' && isPublicAddress(address);
  return protocol === 'https:' || isLoopbackAddress(address);
}

export async function postWebhook(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  options: SendOptions,
): Promise<AttemptResult> {
  const started = performance.now();
  const done = (result: Omit<AttemptResult, 'durationMs' | 'ok'>): AttemptResult => ({
    ...result,
    durationMs: Math.round(performance.now() - started),
    ok: result.status !== null && result.status >= 200 && result.status < 300,
  });
  const url = new URL(rawUrl);
  const host = hostOf(url);
  const resolveAll = options.lookup ?? systemLookup;
  // A literal address is connected to without a lookup: judge it here.
  if (isIP(host) !== 0 && !allowed(host, url.protocol, options.production))
    return done({ status: null, body: null, error: `refused: ${host} is not an address webhooks may reach` });
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolveAll(hostname).then(
      (addresses) => {
        const usable = addresses.filter((entry) => allowed(entry.address, url.protocol, options.production));
        if (usable.length === 0 || usable.length < addresses.length) {
          callback(new RefusedAddress(`refused: ${hostname} resolves to an address webhooks may not reach`), '', 4);
          return;
        }
        if (lookupOptions.all) callback(null, usable as never);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<AttemptResult, 'durationMs' | 'ok'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(done(result));
    };
    const request = transport.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup,
      agent: false,
    });
    const deadline = setTimeout(() => {
      finish({ status: null, body: null, error: `timed out after ${options.timeoutMs} ms` });
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error) => finish({ status: null, body: null, error: error.message || String(error) }));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const status = response.statusCode ?? null;
      const complete = () => {
        const text = Buffer.concat(chunks).subarray(0, RESPONSE_KEPT).toString('utf8');
        const redirect = status !== null && status >= 300 && status < 400;
        finish({
          status,
          body: text,
          error:
            status !== null && status >= 200 && status < 300
              ? null
              : redirect
                ? `redirect to ${response.headers.location ?? '(nowhere)'} not followed`
                : `answered ${status}`,
        });
      };
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= RESPONSE_KEPT + chunk.length) chunks.push(chunk);
        if (size > RESPONSE_CAP) {
          complete();
          response.destroy();
        }
      });
      response.on('end', complete);
      response.on('error', complete);
    });
    request.end(body);
  });
}
