import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gql, ok, startPlatform, type Platform } from '../../router/test/platform.js';
import { seedDemo, DEMO_LOGIN } from '../../scripts/lib/seed.mjs';
import { startDashboardServer } from '../server.mjs';
import { launchChromium, screenshot, waitForText } from './browser.js';

/**
 * The demo business `npm start` seeds, in the browser: every page renders the data the modules hold
 * (employees, the deals board, invoices, a week of bookings, orders, the fleet, the activity feed).
 */
let platform: Platform;
let dashboard: Awaited<ReturnType<typeof startDashboardServer>>;
let browser: Browser;
let page: Page;
let token = '';
const url = (path: string) => new URL(path, dashboard.url).href;

beforeAll(async () => {
  platform = await startPlatform();
  await seedDemo(platform.url, () => undefined);
  token = ok(
    await gql(platform.url, 'mutation($input: LoginInput!) { login(input: $input) { token } }', {
      input: DEMO_LOGIN,
    }),
  ).login.token;
  dashboard = await startDashboardServer({ port: 0, apiUrl: platform.url });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await dashboard?.stop();
  await platform?.stop();
});

describe('the demo business in the dashboard', () => {
  it('logs in and shows a year of numbers, the pipeline and the activity', async () => {
    await page.goto(url('/login'));
    await page.getByLabel('Email').fill(DEMO_LOGIN.email);
    await page.getByLabel('Password').fill(DEMO_LOGIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await waitForText(page.getByTestId('brand'), 'Northwind');
    await page.getByRole('button', { name: '12 months' }).click();
    await waitForText(page.getByTestId('kpi-revenue').locator('.kpi-value'), /€[1-9]/);
    expect(await page.locator('.stage-bar').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('activity-feed').locator('li').count()).toBeGreaterThan(0);
    await screenshot(page, 'demo-overview');
  });

  it('shows the team, the deals board and the invoices', async () => {
    await page.getByRole('link', { name: 'Employees' }).click();
    await waitForText(page.locator('main'), 'Dana Whitfield');
    await screenshot(page, 'demo-employees');

    await page.getByRole('link', { name: 'Deals', exact: true }).click();
    await page.locator('.deal-card').first().waitFor();
    expect(await page.locator('[data-stage="WON"] .deal-card').count()).toBeGreaterThan(0);
    expect(await page.locator('.deal-card').count()).toBeGreaterThan(3);
    await screenshot(page, 'demo-deals');

    await page.getByRole('link', { name: 'Invoices' }).click();
    await waitForText(page.getByRole('table', { name: 'Invoices' }), 'Paid');
    await screenshot(page, 'demo-invoices');
  });

  it('opens a customer 360 from the contacts list', async () => {
    await page.getByRole('link', { name: 'Contacts' }).click();
    const first = page.getByRole('table', { name: 'Contacts' }).locator('tbody tr a').first();
    const name = (await first.textContent())!;
    await first.click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Open invoices' }).waitFor();
    await screenshot(page, 'demo-customer-360');
  });

  it('shows the week of the next appointments on the bookings calendar', async () => {
    const next = ok(
      await gql(
        platform.url,
        '{ appointments(first: 1, filter: { status: [REQUESTED, CONFIRMED] }) { edges { node { startsAt service { name } } } } }',
        {},
        token,
      ),
    ).appointments.edges[0]?.node;
    expect(next).toBeTruthy();
    await page.goto(url(`/bookings?week=${next.startsAt.slice(0, 10)}`));
    await waitForText(page.locator('main'), next.service.name);
    await screenshot(page, 'demo-bookings');
  });

  it('shows the orders and the fleet', async () => {
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await page.locator('main tbody tr').first().waitFor();
    await screenshot(page, 'demo-orders');
    await page.getByRole('link', { name: 'Fleet' }).click();
    await waitForText(page.locator('main'), 'NW21 STU');
    await screenshot(page, 'demo-fleet');
  });
});
