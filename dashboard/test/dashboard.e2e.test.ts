import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { issueAccessToken } from '@tessera/service-kit';
import { gql, JWT_SECRET, ok, startPlatform, type Platform } from '../../router/test/platform.js';
import { startDashboardServer } from '../server.mjs';
import { ARTIFACTS, launchChromium, screenshot, waitForText } from './browser.js';

/**
 * The dashboard in a real headless Chromium against the real platform (every subgraph, the router,
 * PostgreSQL and NATS JetStream): what a business owner does on a first day, and what another tenant
 * must never see of it.
 */
const run = Date.now().toString(36);
const A = { company: `Acme ${run}`, name: 'Ada Owner', email: `ada-${run}@acme.example`, password: 'acme-password-1' };
const B = { company: `Beta ${run}`, name: 'Bob Owner', email: `bob-${run}@beta.example`, password: 'beta-password-1' };
const DEAL = `Fleet tracking rollout ${run}`;
const CUSTOMER = `Grace Hopper ${run}`;

let platform: Platform;
let dashboard: Awaited<ReturnType<typeof startDashboardServer>>;
let browser: Browser;
let contextA: BrowserContext;
let contextB: BrowserContext;
let pageA: Page;
let contactId = '';
const timings: Record<string, number> = {};

const url = (path: string) => new URL(path, dashboard.url).href;
const kpi = (page: Page, id: string) => page.getByTestId(`kpi-${id}`).locator('.kpi-value');

async function signUpInBrowser(page: Page, who: typeof A): Promise<void> {
  await page.goto(url('/signup'));
  await page.getByLabel('Company name').fill(who.company);
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Work email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByLabel('Plan').selectOption('BUSINESS');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await waitForText(kpi(page, 'revenue'), '€0.00');
}

async function tokenOf(page: Page): Promise<string> {
  const token = await page.evaluate(() => window.localStorage.getItem('tessera.session'));
  if (!token) throw new Error('no session in the page');
  return token;
}

/** A context whose storage already holds `token`, as after a login in an earlier visit. */
async function contextWithToken(token: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addInitScript((value) => {
    if (!window.sessionStorage.getItem('seeded')) {
      window.localStorage.setItem('tessera.session', value);
      window.sessionStorage.setItem('seeded', '1');
    }
  }, token);
  return context;
}

/** What tenant A's browser sent to the router: every body of a POST to /graphql. */
const sentBodies: Record<string, unknown>[] = [];

beforeAll(async () => {
  // As in production: a browser may run only the dashboard's trusted documents (issue 13 item 6).
  platform = await startPlatform({ env: { TRUSTED_DOCUMENTS_ONLY: 'true', DASHBOARD_ORIGINS: '*' } });
  dashboard = await startDashboardServer({ port: 0, apiUrl: platform.url });
  browser = await launchChromium();
  contextA = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contextB = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contextA.on('request', (request) => {
    if (request.method() === 'POST' && request.url() === platform.url) sentBodies.push(JSON.parse(request.postData() ?? '{}'));
  });
  pageA = await contextA.newPage();
}, 120_000);

afterAll(async () => {
  writeFileSync(resolve(ARTIFACTS, 'timings.json'), JSON.stringify(timings, null, 2));
  await browser?.close();
  await dashboard?.stop();
  await platform?.stop();
});

describe('the dashboard in headless Chromium', () => {
  it('serves the app with its API configuration and security headers', async () => {
    const response = await fetch(url('/config.json'));
    expect(await response.json()).toEqual({ graphqlUrl: platform.url, graphqlWsUrl: platform.url.replace(/^http/, 'ws') });
    const page = await fetch(url('/deals'), { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${new URL(platform.url).origin}`);
    expect(await page.text()).toContain('<div id="root"></div>');
    expect((await fetch(url('/assets/nope.js'))).status).toBe(404);
    expect((await fetch(url('/%2e%2e/package.json'))).status).not.toBe(200);
  });

  it('signs up a new business, renders its overview, and keeps the session over a reload', async () => {
    await pageA.goto(url('/'));
    await pageA.getByRole('heading', { name: 'Log in' }).waitFor();
    await screenshot(pageA, 'login');
    await pageA.getByRole('link', { name: 'Create a workspace' }).click();
    await screenshot(pageA, 'signup');
    await signUpInBrowser(pageA, A);
    await waitForText(pageA.getByTestId('brand'), A.company);
    await pageA.reload();
    await waitForText(kpi(pageA, 'revenue'), '€0.00');
    expect(new URL(pageA.url()).pathname).toBe('/');
  });

  it('measures login to a rendered overview', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url('/login'));
    await page.getByLabel('Email').fill(A.email);
    await page.getByLabel('Password').fill(A.password);
    const started = performance.now();
    await page.getByRole('button', { name: 'Log in' }).click();
    await waitForText(kpi(page, 'revenue'), '€');
    await page.getByRole('heading', { name: 'Pipeline by stage' }).waitFor();
    timings.loginToOverviewMs = Math.round(performance.now() - started);
    process.stdout.write(`[dashboard e2e] login → rendered overview: ${timings.loginToOverviewMs} ms\n`);
    await page.context().close();
  });

  it('refuses a wrong password with a clear message and stays on login', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url('/login'));
    await page.getByLabel('Email').fill(A.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await waitForText(page.getByRole('alert'), /invalid|incorrect|wrong/i);
    expect(await page.evaluate(() => window.localStorage.getItem('tessera.session'))).toBeNull();
    await page.context().close();
  });

  it('creates a contact and a deal, drags it to WON, sends and pays its draft invoice: revenue moves live, tenant B sees none of it', async () => {
    // Tenant B signs up first and watches its own overview the whole time.
    const pageB = await contextB.newPage();
    await signUpInBrowser(pageB, B);

    // A contact, through the contacts page.
    await pageA.getByRole('link', { name: 'Contacts' }).click();
    await pageA.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    await pageA.getByText('No contacts yet').waitFor();
    await pageA.getByRole('button', { name: 'New contact' }).click();
    await pageA.getByLabel('Name').fill(CUSTOMER);
    await pageA.getByLabel('Email').fill(`grace-${run}@hopper.example`);
    await pageA.getByLabel('Company').fill('Hopper Labs');
    await pageA.getByRole('button', { name: 'Add contact' }).click();
    await pageA.getByRole('heading', { name: CUSTOMER, level: 1 }).waitFor();
    contactId = new URL(pageA.url()).pathname.split('/').pop()!;
    expect(contactId).toMatch(/[0-9a-f-]{36}/);

    // A deal for that contact, through the deals board.
    await pageA.getByRole('link', { name: 'Deals', exact: true }).click();
    await pageA.getByRole('button', { name: 'New deal' }).click();
    await pageA.getByLabel('Title').fill(DEAL);
    await pageA.getByLabel('Find customer').fill('Grace');
    await pageA.locator('option', { hasText: CUSTOMER }).waitFor({ state: 'attached' });
    await pageA.getByLabel('Customer', { exact: true }).selectOption({ label: CUSTOMER });
    await pageA.getByLabel('Amount').fill('1200');
    await pageA.getByRole('button', { name: 'Add deal' }).click();
    const card = pageA.locator('[data-stage="LEAD"] .deal-card', { hasText: DEAL });
    await card.waitFor();

    // The overview of A, open in a second tab, watches for the money.
    const overviewA = await contextA.newPage();
    await overviewA.goto(url('/'));
    await waitForText(kpi(overviewA, 'revenue'), '€0.00');
    await waitForText(kpi(overviewA, 'pipeline'), '€1,200.00');
    await overviewA.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // Drag the card to WON.
    await card.dragTo(pageA.locator('[data-stage="WON"]'));
    await pageA.locator('[data-stage="WON"] .deal-card', { hasText: DEAL }).waitFor();
    await waitForText(pageA.getByRole('status'), `${DEAL} won`);
    await screenshot(pageA, 'deals');

    // The draft invoice appears (created by invoicing from the crm.deal.won event).
    await pageA.getByRole('link', { name: 'Invoices' }).click();
    const row = pageA.locator('tr', { hasText: CUSTOMER });
    await waitForText(row, 'Draft');
    await waitForText(row, '€1,200.00');
    await row.getByRole('button', { name: /^Send / }).click();
    await waitForText(row, 'Sent');
    await row.getByRole('button', { name: /^Record payment/ }).click();
    await expect(pageA.getByLabel('Amount (EUR)').inputValue()).resolves.toBe('1200.00');
    await screenshot(pageA, 'invoices-payment');
    await pageA.getByRole('button', { name: 'Save payment' }).click();
    await waitForText(row, 'Paid');
    await screenshot(pageA, 'invoices');

    // The overview tab moved by itself: no reload, the push did it.
    await waitForText(kpi(overviewA, 'revenue'), '€1,200.00');
    await waitForText(kpi(overviewA, 'deals-won'), '1');
    await waitForText(overviewA.getByTestId('activity-feed'), DEAL);
    expect(await overviewA.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await screenshot(overviewA, 'overview');

    // Tenant B: nothing of A's, live or loaded.
    expect(await kpi(pageB, 'revenue').textContent()).toBe('€0.00');
    expect(await kpi(pageB, 'deals-won').textContent()).toBe('0');
    expect(await pageB.locator('body').textContent()).not.toContain(DEAL);
    await pageB.reload();
    await waitForText(kpi(pageB, 'revenue'), '€0.00');
    for (const [path, empty] of [
      ['/contacts', 'No contacts yet'],
      ['/deals', 'No deals yet'],
      ['/invoices', 'No invoices yet'],
      ['/activity', 'Nothing has happened yet'],
    ] as const) {
      await pageB.goto(url(path));
      await pageB.getByText(empty).waitFor();
      const text = await pageB.locator('main').textContent();
      expect(text).not.toContain(DEAL);
      expect(text).not.toContain(CUSTOMER);
    }
    // A's customer by URL: not found for B.
    await pageB.goto(url(`/contacts/${contactId}`));
    await pageB.getByRole('heading', { name: 'Contact not found' }).waitFor();
    await overviewA.close();
  }, 180_000);

  it('shows the customer 360 across modules', async () => {
    await pageA.goto(url(`/contacts/${contactId}`));
    await pageA.getByRole('heading', { name: CUSTOMER, level: 1 }).waitFor();
    const deals = pageA.locator('section', { has: pageA.getByRole('heading', { name: 'Deals' }) });
    await waitForText(deals, DEAL);
    await waitForText(deals, 'Won');
    await waitForText(pageA.getByTestId('outstanding-balance'), '€0.00');
    await screenshot(pageA, 'customer-360');
  });

  it('themes the whole app with the branding an owner sets in settings', async () => {
    await pageA.getByRole('link', { name: 'Settings' }).click();
    await pageA.getByLabel('Display name').fill('Acme Rockets');
    await pageA.getByLabel('Primary colour', { exact: true }).fill('#b4236a');
    await pageA.getByRole('button', { name: 'Save branding' }).click();
    await waitForText(pageA.getByRole('status'), 'Branding saved');
    await waitForText(pageA.getByTestId('brand'), 'Acme Rockets');
    const background = () =>
      pageA
        .locator('.topbar')
        .first()
        .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(await background()).toBe('rgb(180, 35, 106)');
    await screenshot(pageA, 'settings');
    await pageA.reload();
    await waitForText(pageA.getByTestId('brand'), 'Acme Rockets');
    expect(await background()).toBe('rgb(180, 35, 106)');

    // Bad input: a clear error, nothing changed.
    await pageA.getByLabel('Primary colour', { exact: true }).fill('pink');
    await pageA.getByRole('button', { name: 'Save branding' }).click();
    await waitForText(pageA.locator('.field-error'), '#2b59c3');
    await pageA.reload();
    expect(await background()).toBe('rgb(180, 35, 106)');

    // Tenant B keeps its own look.
    const pageB = contextB.pages()[0]!;
    await pageB.goto(url('/'));
    await waitForText(pageB.getByTestId('brand'), B.company);
    expect(await pageB.locator('.topbar').evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe('rgb(180, 35, 106)');
  });

  it('hides the modules a plan lacks, and says so at their URL', async () => {
    const email = `free-${run}@free.example`;
    const signUp = ok(
      await gql(platform.url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
        input: { companyName: `Free ${run}`, name: 'Fay Free', email, password: 'free-password-1', plan: 'FREE' },
      }),
    );
    const context = await contextWithToken(signUp.signUp.token);
    const page = await context.newPage();
    await page.goto(url('/'));
    await page.getByText('Analytics is not part of your plan').waitFor();
    // What needs attention instead, from the modules the plan has.
    await page.getByRole('heading', { name: 'Invoices awaiting payment' }).waitFor();
    await page.getByText('No contacts yet').waitFor();
    await screenshot(page, 'free-overview');
    const nav = await page.getByRole('navigation', { name: 'Main' }).textContent();
    expect(nav).toContain('Contacts');
    expect(nav).toContain('Bookings');
    for (const hidden of ['Employees', 'Orders', 'Fleet', 'Activity']) expect(nav).not.toContain(hidden);
    await page.goto(url('/employees'));
    await page.getByRole('heading', { name: 'HR is not enabled' }).waitFor();
    await page.goto(url('/fleet'));
    await page.getByRole('heading', { name: 'Fleet is not enabled' }).waitFor();
    await screenshot(page, 'module-not-enabled');
    await context.close();
  });

  it('sends an expired session back to login, and so does a token the server refuses', async () => {
    const me = ok(await gql(platform.url, '{ me { id role tenant { id } } }', {}, await tokenOf(pageA))).me;
    const shortLived = await issueAccessToken({ userId: me.id, tenantId: me.tenant.id, role: me.role }, JWT_SECRET, 4);
    const context = await contextWithToken(shortLived);
    const page = await context.newPage();
    await page.goto(url('/'));
    await waitForText(kpi(page, 'revenue'), '€');
    await page.getByRole('heading', { name: 'Log in' }).waitFor({ timeout: 15_000 });
    await waitForText(page.getByRole('status'), 'Your session has expired');
    await context.close();

    const forged = await issueAccessToken(
      { userId: me.id, tenantId: me.tenant.id, role: me.role },
      'not-the-secret-but-long-enough-to-sign-with',
      3600,
    );
    const forgedContext = await contextWithToken(forged);
    const forgedPage = await forgedContext.newPage();
    await forgedPage.goto(url('/invoices'));
    await forgedPage.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await forgedPage.evaluate(() => window.localStorage.getItem('tessera.session'))).toBeNull();
    await forgedContext.close();
  });

  it('renders every page, on a desktop and at phone width', async () => {
    for (const [path, heading, name] of [
      ['/employees', 'Employees', 'employees'],
      ['/bookings', 'Bookings', 'bookings'],
      ['/orders', 'Orders', 'orders'],
      ['/fleet', 'Fleet', 'fleet'],
      ['/activity', 'Activity', 'activity'],
      ['/contacts', 'Contacts', 'contacts'],
    ] as const) {
      await pageA.goto(url(path));
      await pageA.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await pageA.waitForLoadState('networkidle').catch(() => undefined);
      await screenshot(pageA, name);
    }

    const phone = await contextWithToken(await tokenOf(pageA), { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await page.goto(url('/'));
    await waitForText(kpi(page, 'revenue'), '€1,200.00');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    expect(await nav.isVisible()).toBe(true);
    await screenshot(page, 'phone-menu');
    await nav.getByRole('link', { name: 'Invoices' }).click();
    await page.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    await screenshot(page, 'phone-invoices');
    await page.goto(url('/'));
    await waitForText(kpi(page, 'revenue'), '€1,200.00');
    await screenshot(page, 'phone-overview');
    await phone.close();
  }, 120_000);

  it('is usable from the keyboard: skip link, then the navigation', async () => {
    await pageA.goto(url('/'));
    await waitForText(kpi(pageA, 'revenue'), '€');
    await pageA.keyboard.press('Tab');
    expect(await pageA.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await pageA.keyboard.press('Enter');
    expect(await pageA.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('logs out, and the session is gone after a reload', async () => {
    await pageA.goto(url('/'));
    await pageA.getByRole('button', { name: 'Log out' }).click();
    await pageA.getByRole('heading', { name: 'Log in' }).waitFor();
    await pageA.reload();
    await pageA.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await pageA.evaluate(() => window.localStorage.getItem('tessera.session'))).toBeNull();
    // Log back in for the last test.
    await pageA.getByLabel('Email').fill(A.email);
    await pageA.getByLabel('Password').fill(A.password);
    await pageA.getByRole('button', { name: 'Log in' }).click();
    await waitForText(kpi(pageA, 'revenue'), '€1,200.00');
  });

  // Last: it stops a subgraph for good.
  it('shows a failed module in its own panel while the rest of the page works', async () => {
    await platform.stopSubgraph('projects');
    await pageA.goto(url(`/contacts/${contactId}`));
    await pageA.getByRole('heading', { name: CUSTOMER, level: 1 }).waitFor();
    const projects = pageA.locator('section', { has: pageA.getByRole('heading', { name: 'Projects' }) });
    await waitForText(projects.getByRole('alert'), 'not responding');
    const deals = pageA.locator('section', { has: pageA.getByRole('heading', { name: 'Deals' }) });
    await waitForText(deals, DEAL);
    await screenshot(pageA, 'customer-360-projects-down');
  });

  it('sent every operation by its trusted-document id, never as text', () => {
    expect(sentBodies.length).toBeGreaterThan(20);
    for (const body of sentBodies) {
      expect(body.documentId, JSON.stringify(body)).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(body).not.toHaveProperty('query');
    }
  });
});
