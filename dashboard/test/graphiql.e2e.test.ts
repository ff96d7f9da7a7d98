import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { issueAccessToken } from '@tessera/service-kit';
import { gql, JWT_SECRET, ok, startPlatform, type Platform } from '../../router/test/platform.js';
import { startDashboardServer } from '../server.mjs';
import { launchChromium, screenshot, waitForText } from './browser.js';

/**
 * The API explorer (/graphiql) in a real headless Chromium against the real platform: GraphiQL bundled
 * into the dashboard, loaded only when opened, running queries and subscriptions as the signed-in user,
 * under the dashboard's Content-Security-Policy, and talking to nothing but the dashboard and the router.
 */
const run = Date.now().toString(36);
const OWNER = { company: `Explorer ${run}`, name: 'Erin Explorer', email: `erin-${run}@explorer.example`, password: 'explorer-password-1' };

let platform: Platform;
let dashboard: Awaited<ReturnType<typeof startDashboardServer>>;
let browser: Browser;
let token = '';
let userId = '';
let tenantId = '';
const url = (path: string) => new URL(path, dashboard.url).href;
const ASSETS = resolve(import.meta.dirname, '../dist/assets');

/** Everything one browser context did that a test may want to check afterwards. */
interface Watched {
  requests: Request[];
  sockets: { url: string; sent: string[] }[];
  /** Console errors of the pages and their workers, and failed page scripts. */
  errors: string[];
}

/**
 * A fresh context that records every request (pages and workers), WebSocket, console error and
 * Content-Security-Policy violation (as a console error, `securitypolicyviolation` in the page).
 */
async function watchedContext(): Promise<{ context: BrowserContext; page: Page; watched: Watched }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const watched: Watched = { requests: [], sockets: [], errors: [] };
  context.on('request', (request) => watched.requests.push(request));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      // In the page: a violation becomes a console error, which the listener below records.
      // eslint-disable-next-line no-console
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}`),
    );
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') watched.errors.push(`page: ${message.text().slice(0, 300)}`);
  });
  page.on('pageerror', (error) => watched.errors.push(`page error: ${error.message}`));
  page.on('worker', (worker) =>
    worker.on('console', (message) => {
      if (message.type() === 'error') watched.errors.push(`worker ${worker.url()}: ${message.text().slice(0, 300)}`);
    }),
  );
  page.on('websocket', (socket) => {
    const entry = { url: socket.url(), sent: [] as string[] };
    watched.sockets.push(entry);
    socket.on('framesent', (frame) => entry.sent.push(String(frame.payload)));
  });
  return { context, page, watched };
}

/** The origins a page of the dashboard may talk to: the dashboard's own, and the router's (HTTP and WebSocket). */
function foreignRequests(watched: Watched): string[] {
  const router = new URL(platform.url);
  const allowed = new Set([new URL(dashboard.url).origin, router.origin, `ws://${router.host}`]);
  return [...watched.requests.map((request) => request.url()), ...watched.sockets.map((socket) => socket.url)]
    .filter((address) => !address.startsWith('data:')) // inline fonts and images: not a request to anyone
    .filter((address) => !allowed.has(new URL(address).origin));
}

/** Logs in on the login page; resolves to the session's token once the app has it. */
async function logIn(page: Page): Promise<string> {
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForFunction(() => window.localStorage.getItem('tessera.session'));
  return (await page.evaluate(() => window.localStorage.getItem('tessera.session')))!;
}

const queryEditor = (page: Page) => page.locator('.graphiql-query-editor');
const responsePane = (page: Page) => page.locator('.graphiql-response');

/** Replaces the operation in GraphiQL's editor (Monaco) and runs it with Ctrl-Enter. */
async function runOperation(page: Page, operation: string): Promise<void> {
  await queryEditor(page).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(operation);
  await waitForText(queryEditor(page), operation.split('\n')[0]!);
  // GraphiQL parses the document 100 ms after the last edit; running sooner would run the old one's
  // operation name and kind.
  await page.waitForTimeout(500);
  await page.keyboard.press('ControlOrMeta+Enter');
}

beforeAll(async () => {
  platform = await startPlatform();
  token = ok(
    await gql(platform.url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
      input: { companyName: OWNER.company, name: OWNER.name, email: OWNER.email, password: OWNER.password, plan: 'BUSINESS' },
    }),
  ).signUp.token;
  const me = ok(await gql(platform.url, '{ me { id tenant { id } } }', {}, token)).me;
  userId = me.id;
  tenantId = me.tenant.id;
  dashboard = await startDashboardServer({ port: 0, apiUrl: platform.url });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await dashboard?.stop();
  await platform?.stop();
});

describe('the API explorer in headless Chromium', () => {
  it('serves /graphiql as the app, and the explorer’s chunks, workers and font like every hashed asset', async () => {
    const page = await fetch(url('/graphiql'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"></div>');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("font-src 'self' data:");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("default-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|blob:|data:)/);

    const assets = readdirSync(ASSETS);
    const pick = (pattern: RegExp) => {
      const found = assets.filter((file) => pattern.test(file));
      expect(found, `no ${pattern} in dashboard/dist/assets`).not.toHaveLength(0);
      return found;
    };
    const files = [
      ...pick(/^ApiExplorer-.*\.js$/),
      ...pick(/^ApiExplorer-.*\.css$/),
      ...pick(/^editor\.worker-.*\.js$/),
      ...pick(/^graphql\.worker-.*\.js$/),
      ...pick(/^json\.worker-.*\.js$/),
      ...pick(/^codicon-.*\.ttf$/),
    ];
    for (const file of files) {
      const response = await fetch(url(`/assets/${file}`), { headers: { 'accept-encoding': 'gzip' } });
      expect(response.status, file).toBe(200);
      const type = file.endsWith('.js') ? 'text/javascript; charset=utf-8' : file.endsWith('.css') ? 'text/css; charset=utf-8' : 'font/ttf';
      expect(response.headers.get('content-type'), file).toBe(type);
      expect(response.headers.get('cache-control'), file).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-encoding'), file).toBe('gzip');
      await response.arrayBuffer();
    }
  });

  it('logs in at /graphiql, runs the default query and shows the tenant, talking to no one but the dashboard and the router', async () => {
    const { context, page, watched } = await watchedContext();
    // A deep link: the login page first, then back to the explorer.
    await page.goto(url('/graphiql'));
    const session = await logIn(page);
    await page.waitForURL(url('/graphiql'));
    await page.getByRole('heading', { name: 'API explorer', level: 1 }).waitFor();
    await waitForText(queryEditor(page), 'query WhoAmI', 60_000);

    await page.getByRole('button', { name: /^Execute query/ }).click();
    const result = await waitForText(responsePane(page), OWNER.company);
    expect(result).toContain(OWNER.name);
    expect(result).toContain(userId);
    expect(result).toContain('"CRM"');
    expect(result).not.toContain('"errors"');

    // The query and the schema's introspection went to the router with the session's token.
    const toRouter = watched.requests.filter((request) => request.url() === platform.url && request.method() === 'POST');
    const bodies = toRouter.map((request) => request.postData() ?? '');
    expect(bodies.some((body) => body.includes('query WhoAmI'))).toBe(true);
    expect(bodies.some((body) => body.includes('IntrospectionQuery'))).toBe(true);
    for (const request of toRouter.filter((r) => /WhoAmI|IntrospectionQuery/.test(r.postData() ?? ''))) {
      expect((await request.allHeaders()).authorization).toBe(`Bearer ${session}`);
    }
    // The schema arrived: the documentation explorer lists the root types.
    await page.getByRole('button', { name: /Show Documentation Explorer/ }).click();
    await waitForText(page.locator('.graphiql-doc-explorer'), 'Root Types');
    await screenshot(page, 'graphiql');

    // Monaco's workers came from the dashboard itself.
    const assets = watched.requests.map((request) => new URL(request.url())).filter((address) => address.pathname.startsWith('/assets/'));
    for (const worker of ['editor.worker', 'graphql.worker']) {
      expect(
        assets.some((address) => address.origin === new URL(dashboard.url).origin && address.pathname.startsWith(`/assets/${worker}-`)),
        worker,
      ).toBe(true);
    }
    expect(foreignRequests(watched)).toEqual([]);
    expect(watched.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('is not in the first visit: the explorer’s code loads when it is opened from the navigation', async () => {
    const { context, page, watched } = await watchedContext();
    await page.goto(url('/login'));
    await logIn(page);
    await waitForText(page.getByTestId('kpi-revenue').locator('.kpi-value'), /\d/);
    await page.waitForLoadState('networkidle');
    const explorerFiles = (requests: Request[]) =>
      requests
        .map((request) => new URL(request.url()).pathname)
        .filter((path) => /^\/assets\/(ApiExplorer|editor\.api|monaco-editor|.*\.worker)-/.test(path));
    expect(explorerFiles(watched.requests)).toEqual([]);

    const before = watched.requests.length;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API explorer' }).click();
    await waitForText(queryEditor(page), 'query WhoAmI', 60_000);
    await page.waitForLoadState('networkidle');
    const opened = watched.requests.slice(before).filter((request) => request.url().startsWith(url('/assets/')));
    expect(explorerFiles(opened).length).toBeGreaterThan(0);
    let transferred = 0;
    for (const request of opened) transferred += (await request.sizes()).responseBodySize;
    process.stdout.write(
      `[graphiql e2e] opening /graphiql from the app: ${opened.length} files, ${(transferred / 1024).toFixed(1)} KiB gzip (Monaco's workers start later)\n`,
    );
    expect(foreignRequests(watched)).toEqual([]);
    expect(watched.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('runs a subscription over graphql-ws with the session’s token and shows what is pushed', async () => {
    const { context, page, watched } = await watchedContext();
    await page.goto(url('/graphiql'));
    const session = await logIn(page);
    await waitForText(queryEditor(page), 'query WhoAmI', 60_000);
    await runOperation(page, 'subscription Live { activityRecorded { type summary } }');
    // The subscription went over the socket (not HTTP).
    await expect
      .poll(
        () =>
          watched.sockets.some((socket) =>
            socket.sent.some((frame) => frame.includes('"subscribe"') && frame.includes('activityRecorded')),
          ),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    expect(watched.requests.some((request) => (request.postData() ?? '').includes('activityRecorded'))).toBe(false);

    // Something happens in the business: the explorer shows it as it is pushed.
    const contact = `Live Contact ${run}`;
    ok(
      await gql(
        platform.url,
        'mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } } }',
        { input: { name: contact } },
        token,
      ),
    );
    const pushed = await waitForText(responsePane(page), contact);
    expect(pushed).toContain('crm.contact.created');

    const socket = watched.sockets.find((entry) => entry.sent.some((frame) => frame.includes('connection_init')));
    expect(socket?.url).toBe(platform.url.replace(/^http/, 'ws'));
    const init = JSON.parse(socket!.sent.find((frame) => frame.includes('connection_init'))!) as { payload?: Record<string, string> };
    expect(init.payload?.authorization).toBe(`Bearer ${session}`);
    await screenshot(page, 'graphiql-subscription');
    expect(foreignRequests(watched)).toEqual([]);
    expect(watched.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('returns to the login page when the session expires while the explorer is open', async () => {
    const shortLived = await issueAccessToken({ userId, tenantId, role: 'OWNER' }, JWT_SECRET, 8);
    const { context, page, watched } = await watchedContext();
    await context.addInitScript((value) => window.localStorage.setItem('tessera.session', value), shortLived);
    await page.goto(url('/graphiql'));
    await waitForText(queryEditor(page), 'query WhoAmI', 60_000);
    await page.getByRole('heading', { name: 'Log in' }).waitFor({ timeout: 20_000 });
    await waitForText(page.getByRole('status'), 'Your session has expired');
    expect(await page.locator('.graphiql-container').count()).toBe(0);
    expect(watched.errors.filter((error) => !/401|Unauthorized/i.test(error))).toEqual([]);
    await context.close();
  }, 60_000);
});
