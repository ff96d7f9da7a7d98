import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gql, startPlatform, type Platform } from '../../router/test/platform.js';
import { startDashboardServer } from '../server.mjs';
import { launchChromium, screenshot, waitForText } from './browser.js';

/**
 * Settings' Team and API keys sections in a real headless Chromium against the real platform: an
 * owner invites someone, who joins through the copied link in another browser; the owner promotes
 * them, makes a CRM read-only key, an integration uses it, and the owner revokes it.
 */
const run = Date.now().toString(36);
const OWNER = { company: `Teamwork ${run}`, name: 'Olive Owner', email: `olive-${run}@team.example`, password: 'owner-password-1' };
const MEMBER = { name: 'Max Member', email: `max-${run}@team.example`, password: 'member-password-1' };
const KEY = `Zapier ${run}`;

let platform: Platform;
let dashboard: Awaited<ReturnType<typeof startDashboardServer>>;
let browser: Browser;
let ownerContext: BrowserContext;
let memberContext: BrowserContext;
let owner: Page;
let member: Page;
let secret = '';

const url = (path: string) => new URL(path, dashboard.url).href;
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `query` as an integration would: the API key's secret as the bearer token. */
async function withKey(query: string) {
  return gql<{ contacts?: { totalCount: number } }>(platform.url, query, {}, secret);
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByRole('table', { name: 'Team members' }).waitFor();
}

beforeAll(async () => {
  platform = await startPlatform();
  dashboard = await startDashboardServer({ port: 0, apiUrl: platform.url });
  browser = await launchChromium();
  const permissions = { permissions: ['clipboard-read', 'clipboard-write'], viewport: { width: 1280, height: 1000 } };
  ownerContext = await browser.newContext(permissions);
  memberContext = await browser.newContext(permissions);
  owner = await ownerContext.newPage();
  member = await memberContext.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await dashboard?.stop();
  await platform?.stop();
});

describe('team and API keys in headless Chromium', () => {
  it('an owner invites a member; the member joins through the copied link and sees the team read-only', async () => {
    await owner.goto(url('/signup'));
    await owner.getByLabel('Company name').fill(OWNER.company);
    await owner.getByLabel('Your name').fill(OWNER.name);
    await owner.getByLabel('Work email').fill(OWNER.email);
    await owner.getByLabel('Password').fill(OWNER.password);
    await owner.getByLabel('Plan').selectOption('BUSINESS');
    await owner.getByRole('button', { name: 'Create workspace' }).click();
    await waitForText(owner.getByTestId('brand'), OWNER.company);
    await openSettings(owner);

    const invite = owner.getByRole('form', { name: 'Invite someone' });
    await invite.getByLabel('Email').fill(MEMBER.email);
    expect(await invite.getByLabel('Role').inputValue()).toBe('MEMBER');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await waitForText(owner.locator('.notice-success'), `Invitation for ${MEMBER.email} created.`);
    const linkField = owner.getByLabel('Invitation link');
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${dashboard.url.replace(/\/$/, '')}/invite\\?token=.+`));
    await owner.getByRole('button', { name: 'Copy' }).click();
    await waitForText(owner.getByText('Copied.'), 'Copied.');
    expect(await clipboard(owner)).toBe(link);
    const pending = owner.getByRole('list', { name: 'Pending invitations' });
    await waitForText(pending, MEMBER.email);
    await screenshot(owner, 'team-invited');

    // Another browser, signed out: the link, a name and a password, and they are in.
    await member.goto(link);
    await member.getByRole('heading', { name: 'Join your team' }).waitFor();
    await member.getByLabel('Your name').fill(MEMBER.name);
    await member.getByLabel('Password').fill(MEMBER.password);
    await member.getByRole('button', { name: 'Join the workspace' }).click();
    await waitForText(member.locator('.user-name'), MEMBER.name);
    expect(new URL(member.url()).pathname).toBe('/');
    await waitForText(member.getByTestId('brand'), OWNER.company);
    expect(await member.evaluate(() => window.localStorage.getItem('tessera.session'))).toBeTruthy();

    await openSettings(member);
    await waitForText(member.getByRole('region', { name: 'Team', exact: true }), 'Only owners and admins manage the team.');
    await waitForText(member.getByRole('region', { name: 'API keys', exact: true }), 'Only owners and admins manage API keys.');
    expect(await member.getByRole('form', { name: 'Invite someone' }).getByRole('button', { name: 'Invite' }).isDisabled()).toBe(true);
    expect(await member.getByRole('form', { name: 'Create an API key' }).getByRole('button', { name: 'Create key' }).isDisabled()).toBe(
      true,
    );
    const team = member.getByRole('table', { name: 'Team members' });
    await waitForText(team, OWNER.name);
    expect(await team.getByLabel(`Role of ${OWNER.name}`).isDisabled()).toBe(true);
    expect(await team.getByLabel(`Role of ${MEMBER.name}`).isDisabled()).toBe(true);
    expect(await team.getByRole('button', { name: `Deactivate ${OWNER.name}` }).isDisabled()).toBe(true);
    expect(await member.getByRole('alert').count()).toBe(0);
    await screenshot(member, 'team-member-view');
  });

  it('the owner makes the member an admin; the invitation is no longer pending', async () => {
    await owner.reload();
    const team = owner.getByRole('table', { name: 'Team members' });
    await waitForText(team, MEMBER.name);
    await waitForText(owner.getByText('No pending invitations'), 'No pending invitations');
    const role = team.getByLabel(`Role of ${MEMBER.name}`);
    expect(await role.inputValue()).toBe('MEMBER');
    await role.selectOption('ADMIN');
    await owner.reload();
    await waitForText(owner.getByRole('table', { name: 'Team members' }), MEMBER.name);
    expect(await owner.getByLabel(`Role of ${MEMBER.name}`).inputValue()).toBe('ADMIN');
  });

  it('the owner creates a CRM read-only key, sees its secret once, the key works, then is revoked', async () => {
    const form = owner.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Name').fill(KEY);
    await form.getByRole('checkbox', { name: 'CRM' }).check();
    await form.getByRole('radio', { name: /Read only/ }).check();
    await form.getByRole('button', { name: 'Create key' }).click();
    const created = owner.getByRole('region', { name: 'New API key' });
    await waitForText(created, 'it will not be shown again');
    secret = await created.getByLabel('Secret').inputValue();
    expect(secret).toMatch(/^tsk_/);
    await created.getByRole('button', { name: 'Copy' }).click();
    expect(await clipboard(owner)).toBe(secret);

    const keys = owner.getByRole('table', { name: 'API keys' });
    const row = keys.getByRole('row', { name: KEY });
    await waitForText(row, 'never');
    expect((await row.textContent())?.replace(/\s+/g, ' ')).toContain('CRM');
    expect(await row.textContent()).toContain('Read only');
    expect(await row.textContent()).toContain(secret.slice(0, 8));
    await screenshot(owner, 'api-key-created');

    // An integration uses it: the CRM answers, and a read-only key may not write.
    const usedFrom = Date.now();
    const read = await withKey('{ contacts(first: 1) { totalCount } }');
    const usedUntil = Date.now();
    expect(read.errors).toBeUndefined();
    expect(read.data?.contacts?.totalCount).toBe(0);
    const write = await withKey('mutation { createContact(input: { name: "Nope" }) { contact { id } } }');
    expect(write.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');

    // Shown once: gone when dismissed, and not there after a reload.
    await created.getByRole('button', { name: 'I have copied it' }).click();
    await owner.reload();
    await waitForText(owner.getByRole('table', { name: 'API keys' }), KEY);
    expect(await owner.content()).not.toContain(secret);

    await row.getByRole('button', { name: `Revoke ${KEY}` }).click();
    await waitForText(row.getByRole('group', { name: `Confirm revoking ${KEY}` }), 'Integrations using it stop working');
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await waitForText(row, 'Revoked');
    expect(await row.getByRole('button').count()).toBe(0);
    const lastUsed = await row.locator('time').getAttribute('datetime');
    expect(lastUsed).toBeTruthy();
    // The use was recorded during the request (1 s of slack for the clocks' rounding).
    expect(Date.parse(lastUsed!)).toBeGreaterThanOrEqual(usedFrom - 1_000);
    expect(Date.parse(lastUsed!)).toBeLessThanOrEqual(usedUntil + 1_000);
    expect(await row.getByTestId('last-used').textContent()).not.toBe('never');
    await screenshot(owner, 'api-key-revoked');

    // The router stops accepting it within its cache's few seconds.
    let refused = false;
    for (let attempt = 0; attempt < 20 && !refused; attempt++) {
      const answer = await withKey('{ contacts(first: 1) { totalCount } }');
      refused = answer.status === 401 || !!answer.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
      if (!refused) await sleep(500);
    }
    expect(refused).toBe(true);
  });
});
