#!/usr/bin/env node
// Serves the built dashboard (dist/) as a single-page app: hashed assets cached forever, index.html
// never cached, gzip when the browser takes it, every unknown path answered with index.html so deep
// links work. /config.json tells the app where the GraphQL API is (HTTP and graphql-ws), so one build
// runs against any router. Used by `npm start` and by the browser tests; `node dashboard/server.mjs`
// runs it alone (DASHBOARD_PORT, DASHBOARD_HOST, TESSERA_API_URL).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const DIST = fileURLToPath(new URL('./dist/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map', '.txt', '.ttf']);

/** The app's run-time configuration: where the API is, over HTTP and over graphql-ws. */
export function dashboardConfig(apiUrl) {
  const url = new URL(apiUrl);
  const wsUrl = new URL(apiUrl);
  wsUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return { graphqlUrl: url.href, graphqlWsUrl: wsUrl.href };
}

function securityHeaders(config) {
  const api = new URL(config.graphqlUrl).origin;
  const ws = new URL(config.graphqlWsUrl).origin;
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    // Logos are the tenant's own https URLs. The API explorer (GraphiQL) embeds its fonts as data: URLs
    // and starts its editor's web workers from same-origin files in /assets/ (worker-src falls back to
    // script-src).
    'Content-Security-Policy': [
      "default-src 'self'",
      `connect-src 'self' ${api} ${ws}`,
      "img-src 'self' data: https:",
      "font-src 'self' data:",
      "style-src 'self' 'unsafe-inline'",
      "script-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ].join('; '),
  };
}

/**
 * Starts the dashboard's web server. `apiUrl` is the router's GraphQL URL as the browser reaches it.
 * Resolves to `{ url, port, stop }`.
 */
export async function startDashboardServer({ port = 3000, host = '127.0.0.1', apiUrl, distDir = DIST } = {}) {
  const root = resolve(distDir);
  await stat(resolve(root, 'index.html')).catch(() => {
    throw new Error(`the dashboard is not built (${resolve(root, 'index.html')} is missing): run \`npm run build\``);
  });
  const config = dashboardConfig(apiUrl ?? 'http://localhost:4000/graphql');
  const headers = securityHeaders(config);
  const cache = new Map();

  async function load(path) {
    let entry = cache.get(path);
    if (!entry) {
      const body = await readFile(path);
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      entry = { body, type, gzip: COMPRESSIBLE.has(extname(path)) && body.length > 512 ? gzipSync(body) : null };
      cache.set(path, entry);
    }
    return entry;
  }

  function send(req, res, status, entry, cacheControl) {
    const gzip = entry.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const body = gzip ? entry.gzip : entry.body;
    res.writeHead(status, {
      ...headers,
      'Content-Type': entry.type,
      'Content-Length': body.length,
      'Cache-Control': cacheControl,
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      if (pathname === '/health') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
        return;
      }
      if (pathname === '/config.json') {
        const body = Buffer.from(JSON.stringify(config));
        send(req, res, 200, { body, type: TYPES['.json'], gzip: null }, 'no-cache');
        return;
      }
      const file = resolve(root, `.${pathname}`);
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(400).end();
        return;
      }
      const isFile =
        extname(pathname) !== '' &&
        (await stat(file)
          .then((s) => s.isFile())
          .catch(() => false));
      if (isFile) {
        const immutable = pathname.startsWith('/assets/');
        send(req, res, 200, await load(file), immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        return;
      }
      if (extname(pathname) !== '') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      // A route of the app: the app decides what it shows.
      send(req, res, 200, await load(resolve(root, 'index.html')), 'no-cache');
    } catch (error) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal error');
      process.stderr.write(`[dashboard] ${error instanceof Error ? error.message : String(error)}\n`);
    }
  });

  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, done);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host}:${actualPort}/`,
    port: actualPort,
    stop: () => new Promise((done) => server.close(() => done())),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const running = await startDashboardServer({
    port: Number(process.env.DASHBOARD_PORT ?? process.env.PORT ?? 3000),
    host: process.env.DASHBOARD_HOST ?? '127.0.0.1',
    apiUrl: process.env.TESSERA_API_URL,
  });
  process.stdout.write(`dashboard on ${running.url} (API ${process.env.TESSERA_API_URL ?? 'http://localhost:4000/graphql'})\n`);
  const stop = () => void running.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
