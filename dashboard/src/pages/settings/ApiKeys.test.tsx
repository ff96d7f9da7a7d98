import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeMe, renderPage, type Answer, type Sent } from '../../test/render';
import type { Me } from '../../workspace';
import { ApiKeysPanel, expiryOf } from './ApiKeys';

const key = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  modules: ['CRM'],
  access: 'READ',
  hint: 'tsk_AbC1',
  createdAt: '2026-01-05T10:00:00Z',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  ...extra,
});
const keys = (...nodes: ReturnType<typeof key>[]) => ({
  data: { apiKeys: { totalCount: nodes.length, edges: nodes.map((node) => ({ node })) } },
});
const created = (apiKey: ReturnType<typeof key>, secret: string) => ({
  data: { createApiKey: { apiKey, secret, userErrors: [] } },
});

const named = (sent: Sent[], name: string) => sent.filter((s) => s.name === name);
const form = () => screen.getByRole('form', { name: 'Create an API key' });
const table = () => screen.getByRole('table', { name: 'API keys' });
const row = (name: string) => within(table()).getByRole('row', { name });
const cells = (name: string) =>
  within(row(name))
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

function renderKeys(answers: Record<string, Answer> = {}, me: Me = fakeMe({ modules: ['CRM', 'INVOICING', 'BOOKING'] })) {
  return renderPage(<ApiKeysPanel />, { me, answers: { ApiKeys: keys(), ...answers } });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ApiKeysPanel', () => {
  it('offers the workspace’s enabled modules, read-only access by default', async () => {
    renderKeys();
    const modules = within(form()).getByRole('group', { name: 'Modules' });
    expect(
      within(modules)
        .getAllByRole('checkbox')
        .map((box) => box.parentElement?.textContent),
    ).toEqual(['CRM', 'Invoicing', 'Booking']);
    expect((within(form()).getByRole('radio', { name: /Read only/ }) as HTMLInputElement).checked).toBe(true);
    expect((within(form()).getByRole('radio', { name: /Read and write/ }) as HTMLInputElement).checked).toBe(false);
    expect(await screen.findByText('No API keys yet')).toBeTruthy();
  });

  it('lists the keys: hint, modules, access, created, last used (never), status', async () => {
    renderKeys({
      ApiKeys: keys(
        key('k1', 'Zapier', { modules: ['CRM', 'INVOICING'], access: 'READ_WRITE' }),
        key('k2', 'Warehouse', { lastUsedAt: '2026-01-07T09:30:00Z', revokedAt: '2026-01-08T12:00:00Z' }),
        key('k3', 'Old sync', { expiresAt: '2026-01-06T00:00:00Z' }),
      ),
    });
    await screen.findByRole('table', { name: 'API keys' });
    const [name, hint, modules, access, createdOn, lastUsed, status] = cells('Zapier');
    expect([name, hint, modules, access, createdOn, lastUsed, status]).toEqual([
      'Zapier',
      'tsk_AbC1…',
      'CRM, Invoicing',
      'Read and write',
      'Jan 5, 2026',
      'never',
      'Active',
    ]);
    expect(within(row('Zapier')).getByRole('button', { name: 'Revoke Zapier' })).toBeTruthy();
    expect(within(row('Warehouse')).getByText(/^Revoked Jan 8, 2026$/)).toBeTruthy();
    expect(within(row('Warehouse')).getByText('Read only')).toBeTruthy();
    expect(row('Warehouse').querySelector('time')?.getAttribute('dateTime')).toBe('2026-01-07T09:30:00Z');
    expect(within(row('Warehouse')).queryByRole('button')).toBeNull();
    expect(within(row('Old sync')).getByText(/^Expired Jan 6, 2026$/)).toBeTruthy();
  });

  it('is disabled for a member, says why, and does not ask for the keys', () => {
    const { sent } = renderKeys({}, fakeMe({ role: 'MEMBER' }));
    expect(screen.getByText('Only owners and admins manage API keys.')).toBeTruthy();
    expect((within(form()).getByLabelText('Name') as HTMLInputElement).closest('fieldset')!.disabled).toBe(true);
    expect((within(form()).getByRole('button', { name: 'Create key' }) as HTMLButtonElement).disabled).toBe(true);
    expect(named(sent, 'ApiKeys')).toHaveLength(0);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('needs a name and a module, and an expiry in the future, before sending', async () => {
    const { sent } = renderKeys();
    await userEvent.type(within(form()).getByLabelText('Expires on'), '2020-01-01');
    await userEvent.click(within(form()).getByRole('button', { name: 'Create key' }));
    expect(within(form()).getByText('Enter a name, e.g. the integration’s.')).toBeTruthy();
    expect(within(form()).getByText('Pick at least one module.')).toBeTruthy();
    expect(within(form()).getByText('Pick a day from today on.')).toBeTruthy();
    expect(named(sent, 'CreateApiKey')).toHaveLength(0);
  });

  it('creates a key, shows its secret once with a Copy button, and re-reads the list', async () => {
    const writeText = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined);
    let made = false;
    const { sent } = renderKeys({
      ApiKeys: () => (made ? keys(key('k1', 'Zapier', { modules: ['CRM', 'BOOKING'], access: 'READ_WRITE' })) : keys()),
      CreateApiKey: () => {
        made = true;
        return created(key('k1', 'Zapier', { modules: ['CRM', 'BOOKING'], access: 'READ_WRITE' }), 'tsk_AbC1secretsecret');
      },
    });
    await userEvent.type(within(form()).getByLabelText('Name'), ' Zapier ');
    await userEvent.click(within(form()).getByRole('checkbox', { name: 'Booking' }));
    await userEvent.click(within(form()).getByRole('checkbox', { name: 'CRM' }));
    await userEvent.click(within(form()).getByRole('checkbox', { name: 'Booking' }));
    await userEvent.click(within(form()).getByRole('checkbox', { name: 'Booking' }));
    await userEvent.click(within(form()).getByRole('radio', { name: /Read and write/ }));
    await userEvent.type(within(form()).getByLabelText('Expires on'), '2099-12-31');
    await userEvent.click(within(form()).getByRole('button', { name: 'Create key' }));

    const region = await screen.findByRole('region', { name: 'New API key' });
    expect(within(region).getByText('Key “Zapier” created. Copy its secret now: it will not be shown again.')).toBeTruthy();
    const secret = within(region).getByLabelText('Secret') as HTMLInputElement;
    expect(secret.value).toBe('tsk_AbC1secretsecret');
    expect(named(sent, 'CreateApiKey').map((s) => s.variables)).toEqual([
      { input: { name: 'Zapier', modules: ['CRM', 'BOOKING'], access: 'READ_WRITE', expiresAt: expiryOf('2099-12-31') } },
    ]);
    // The form is reset; the list is read again and shows the new key.
    expect((within(form()).getByLabelText('Name') as HTMLInputElement).value).toBe('');
    expect(
      within(form())
        .getAllByRole('checkbox')
        .some((box) => (box as HTMLInputElement).checked),
    ).toBe(false);
    expect(await screen.findByRole('row', { name: 'Zapier' })).toBeTruthy();

    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    await userEvent.click(within(region).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('tsk_AbC1secretsecret');
    expect(await within(region).findByText('Copied.')).toBeTruthy();

    // Once dismissed, the secret is gone from the page for good.
    await userEvent.click(within(region).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByRole('region', { name: 'New API key' })).toBeNull();
    expect(document.body.textContent).not.toContain('secretsecret');
  });

  it('sends no expiry when none is picked', async () => {
    const { sent } = renderKeys({ CreateApiKey: created(key('k1', 'CI'), 'tsk_x') });
    await userEvent.type(within(form()).getByLabelText('Name'), 'CI');
    await userEvent.click(within(form()).getByRole('checkbox', { name: 'Invoicing' }));
    await userEvent.click(within(form()).getByRole('button', { name: 'Create key' }));
    await screen.findByRole('region', { name: 'New API key' });
    expect(named(sent, 'CreateApiKey')[0]?.variables).toEqual({
      input: { name: 'CI', modules: ['INVOICING'], access: 'READ', expiresAt: null },
    });
  });

  it('shows the server’s refusals on their fields', async () => {
    renderKeys({
      CreateApiKey: {
        data: {
          createApiKey: {
            apiKey: null,
            secret: null,
            userErrors: [{ field: ['input', 'modules'], message: 'Not enabled for this tenant: FLEET', code: 'INVALID_MODULES' }],
          },
        },
      },
    });
    await userEvent.type(within(form()).getByLabelText('Name'), 'Fleet sync');
    await userEvent.click(within(form()).getByRole('checkbox', { name: 'CRM' }));
    await userEvent.click(within(form()).getByRole('button', { name: 'Create key' }));
    const message = await within(form()).findByText('Not enabled for this tenant: FLEET');
    expect(within(form()).getByRole('group', { name: 'Modules' }).getAttribute('aria-describedby')).toBe(message.id);
    expect(screen.queryByRole('region', { name: 'New API key' })).toBeNull();
  });

  it('revokes only after a confirmation, then shows the key revoked', async () => {
    let revoked = false;
    const { sent } = renderKeys({
      ApiKeys: () => keys(key('k1', 'Zapier', revoked ? { revokedAt: '2026-01-09T08:00:00Z' } : {})),
      RevokeApiKey: () => {
        revoked = true;
        return { data: { revokeApiKey: { apiKey: key('k1', 'Zapier', { revokedAt: '2026-01-09T08:00:00Z' }), userErrors: [] } } };
      },
    });
    await screen.findByRole('table', { name: 'API keys' });
    await userEvent.click(within(row('Zapier')).getByRole('button', { name: 'Revoke Zapier' }));
    const confirm = within(row('Zapier')).getByRole('group', { name: 'Confirm revoking Zapier' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(named(sent, 'RevokeApiKey')).toHaveLength(0);

    await userEvent.click(within(row('Zapier')).getByRole('button', { name: 'Revoke Zapier' }));
    await userEvent.click(within(row('Zapier')).getByRole('button', { name: 'Yes, revoke' }));
    expect(named(sent, 'RevokeApiKey').map((s) => s.variables)).toEqual([{ input: { apiKeyId: 'k1' } }]);
    await waitFor(() => expect(within(row('Zapier')).getByText(/^Revoked/)).toBeTruthy());
    expect(within(row('Zapier')).queryByRole('button')).toBeNull();
  });

  it('shows a refused revocation next to the key', async () => {
    renderKeys({
      ApiKeys: keys(key('k1', 'Zapier')),
      RevokeApiKey: {
        data: {
          revokeApiKey: { apiKey: null, userErrors: [{ field: ['input', 'apiKeyId'], message: 'No such API key', code: 'NOT_FOUND' }] },
        },
      },
    });
    await screen.findByRole('table', { name: 'API keys' });
    await userEvent.click(within(row('Zapier')).getByRole('button', { name: 'Revoke Zapier' }));
    await userEvent.click(within(row('Zapier')).getByRole('button', { name: 'Yes, revoke' }));
    expect((await within(row('Zapier')).findByRole('alert')).textContent).toBe('No such API key');
  });
});

describe('expiryOf', () => {
  it('is the end of the picked day, or null', () => {
    expect(expiryOf('')).toBeNull();
    expect(expiryOf('nope')).toBeNull();
    expect(new Date(expiryOf('2099-12-31')!).getDate()).toBe(31);
    expect(new Date(expiryOf('2099-12-31')!).getHours()).toBe(23);
  });
});
