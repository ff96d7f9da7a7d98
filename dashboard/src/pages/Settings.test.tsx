import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeMe, renderPage, type Sent } from '../test/render';
import SettingsPage from './Settings';

const updated = (branding: Record<string, unknown>) => ({
  data: { updateBranding: { tenant: { id: 't1', branding }, userErrors: [] } },
});
const branding = (sent: Sent[]) => sent.filter((s) => s.name === 'UpdateBranding');
const form = () => screen.getByRole('form', { name: 'Branding' });
const input = (label: string) => within(form()).getByLabelText(label) as HTMLInputElement;
const save = () => within(form()).getByRole('button', { name: 'Save branding' });

describe('SettingsPage', () => {
  it('prefills the branding and lists plan and modules', () => {
    renderPage(<SettingsPage />, { me: fakeMe({ modules: ['CRM', 'INVOICING', 'BOOKING'], plan: 'FREE' }) });
    expect(input('Display name').value).toBe('Northwind Studio');
    expect(input('Primary colour').value).toBe('#2b59c3');
    expect(input('Logo URL').value).toBe('');
    expect(screen.getByText(/Text on it: white \(contrast \d+\.\d:1\)/)).toBeTruthy();
    expect(screen.getByText('Free')).toBeTruthy();
    const modules = screen.getByRole('list', { name: 'Enabled modules' });
    expect(within(modules).getByText('CRM').nextElementSibling?.textContent).toBe('Enabled');
    expect(within(modules).getByText('Fleet').nextElementSibling?.textContent).toBe('Not in plan');
    expect(screen.queryByText(/Only the workspace owner/)).toBeNull();
  });

  it('is read-only for a member', async () => {
    const { sent } = renderPage(<SettingsPage />, { me: fakeMe({ role: 'MEMBER' }) });
    expect(screen.getByText('Only the workspace owner or an admin can change the branding.')).toBeTruthy();
    expect((save() as HTMLButtonElement).disabled).toBe(true);
    expect(input('Display name').closest('fieldset')!.disabled).toBe(true);
    await userEvent.click(save());
    expect(branding(sent)).toHaveLength(0);
  });

  it('lets an admin edit', () => {
    renderPage(<SettingsPage />, { me: fakeMe({ role: 'ADMIN' }) });
    expect(screen.queryByText(/Only the workspace owner/)).toBeNull();
    expect((save() as HTMLButtonElement).disabled).toBe(false);
  });

  it('refuses a colour that is not a hex code, sending nothing', async () => {
    const { sent } = renderPage(<SettingsPage />, { answers: { UpdateBranding: updated({}) } });
    await userEvent.clear(input('Primary colour'));
    await userEvent.type(input('Primary colour'), 'pink');
    expect(screen.queryByText(/Text on it:/)).toBeNull();
    await userEvent.click(save());
    expect(within(form()).getByText('Use a colour such as #2b59c3.')).toBeTruthy();
    expect(input('Primary colour').getAttribute('aria-invalid')).toBe('true');
    expect(branding(sent)).toHaveLength(0);
    expect(screen.queryByText(/Branding saved/)).toBeNull();
  });

  it('refuses an empty name and a logo that is not https', async () => {
    const { sent } = renderPage(<SettingsPage />, { answers: { UpdateBranding: updated({}) } });
    await userEvent.clear(input('Display name'));
    await userEvent.type(input('Display name'), '   ');
    await userEvent.type(input('Logo URL'), 'http://example.com/logo.png');
    await userEvent.click(save());
    expect(within(form()).getByText('Enter the name to show.')).toBeTruthy();
    expect(within(form()).getByText('The logo must be an https:// address.')).toBeTruthy();
    expect(branding(sent)).toHaveLength(0);
  });

  it('saves the trimmed branding, an empty logo as null', async () => {
    const { sent } = renderPage(<SettingsPage />, {
      answers: { UpdateBranding: updated({ displayName: 'Northwind', primaryColor: '#aa3300', logoUrl: null }) },
    });
    await userEvent.clear(input('Display name'));
    await userEvent.type(input('Display name'), '  Northwind  ');
    await userEvent.clear(input('Primary colour'));
    await userEvent.type(input('Primary colour'), '#AA3300');
    await userEvent.type(input('Logo URL'), '   ');
    await userEvent.click(save());
    // The page has other live regions (the team's and keys' loading states): the notice by its text.
    const notice = await screen.findByText(/^Branding saved/);
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toBe('Branding saved. Everyone in Northwind sees it from now on.');
    expect(branding(sent).map((s) => s.variables)).toEqual([
      { input: { displayName: 'Northwind', primaryColor: '#aa3300', logoUrl: null } },
    ]);
  });

  it('sends a trimmed https logo', async () => {
    const { sent } = renderPage(<SettingsPage />, { answers: { UpdateBranding: updated({}) } });
    await userEvent.type(input('Logo URL'), ' https://cdn.example.com/logo.svg ');
    await userEvent.click(save());
    expect(await screen.findByText(/Branding saved/)).toBeTruthy();
    expect(branding(sent)[0]?.variables).toEqual({
      input: { displayName: 'Northwind Studio', primaryColor: '#2b59c3', logoUrl: 'https://cdn.example.com/logo.svg' },
    });
  });

  it('shows the server’s field errors', async () => {
    renderPage(<SettingsPage />, {
      answers: {
        UpdateBranding: {
          data: {
            updateBranding: {
              tenant: null,
              userErrors: [{ field: ['input', 'primaryColor'], message: 'This colour is too light to read on.', code: 'X' }],
            },
          },
        },
      },
    });
    await userEvent.clear(input('Primary colour'));
    await userEvent.type(input('Primary colour'), '#fefefe');
    await userEvent.click(save());
    expect(await within(form()).findByText('This colour is too light to read on.')).toBeTruthy();
    expect(screen.queryByText(/Branding saved/)).toBeNull();
  });
});
