import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeMe, renderPage, type Answer, type Sent } from '../../test/render';
import type { Me } from '../../workspace';
import { invitationLink, TeamPanel } from './Team';

const user = (id: string, name: string, role: string, active = true) => ({
  id,
  name,
  email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
  role,
  active,
  createdAt: '2026-01-05T10:00:00Z',
});
const ADA = user('u1', 'Ada Lovelace', 'OWNER');
const GRACE = user('u2', 'Grace Hopper', 'MEMBER');
const ALAN = user('u3', 'Alan Turing', 'ADMIN', false);
const users = (...nodes: ReturnType<typeof user>[]) => ({
  data: { users: { totalCount: nodes.length, edges: nodes.map((node) => ({ node })) } },
});

const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
const invitation = (id: string, email: string, extra: Record<string, unknown> = {}) => ({
  id,
  email,
  role: 'MEMBER',
  expiresAt: later,
  acceptedAt: null,
  revokedAt: null,
  createdAt: '2026-01-05T10:00:00Z',
  ...extra,
});
const invitations = (...nodes: ReturnType<typeof invitation>[]) => ({
  data: { invitations: { totalCount: nodes.length, edges: nodes.map((node) => ({ node })) } },
});
const refused = (name: string, field: string[] | null, code: string, message: string) => ({
  data: {
    [name]: {
      [name === 'inviteUser' || name === 'revokeInvitation' ? 'invitation' : 'user']: null,
      userErrors: [{ field, message, code }],
    },
  },
});

const named = (sent: Sent[], name: string) => sent.filter((s) => s.name === name);
const members = () => screen.getByRole('table', { name: 'Team members' });
const row = (name: string) => within(members()).getByRole('row', { name });
const inviteForm = () => screen.getByRole('form', { name: 'Invite someone' });

function renderTeam(answers: Record<string, Answer> = {}, me: Me = fakeMe()) {
  return renderPage(<TeamPanel />, {
    me,
    answers: { TeamUsers: users(ADA, GRACE, ALAN), TeamInvitations: invitations(), ...answers },
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('TeamPanel', () => {
  it('lists the team with roles and status, and only the pending invitations', async () => {
    const { sent } = renderTeam({
      TeamInvitations: invitations(
        invitation('i1', 'new@example.com', { role: 'ADMIN' }),
        invitation('i2', 'used@example.com', { acceptedAt: '2026-01-06T10:00:00Z' }),
        invitation('i3', 'revoked@example.com', { revokedAt: '2026-01-06T10:00:00Z' }),
        invitation('i4', 'old@example.com', { expiresAt: '2020-01-01T00:00:00Z' }),
      ),
    });
    await screen.findByRole('table', { name: 'Team members' });
    expect(within(row('Ada Lovelace')).getByText('(you)')).toBeTruthy();
    expect(within(row('Ada Lovelace')).getByText('ada@example.com')).toBeTruthy();
    expect((within(row('Grace Hopper')).getByLabelText('Role of Grace Hopper') as HTMLSelectElement).value).toBe('MEMBER');
    expect(within(row('Grace Hopper')).getByText('Active')).toBeTruthy();
    // A deactivated user keeps their row, without controls.
    expect(within(row('Alan Turing')).getByText('Deactivated')).toBeTruthy();
    expect((within(row('Alan Turing')).getByLabelText('Role of Alan Turing') as HTMLSelectElement).disabled).toBe(true);
    expect(within(row('Alan Turing')).queryByRole('button')).toBeNull();
    expect((within(row('Grace Hopper')).getByRole('button', { name: 'Deactivate Grace Hopper' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
    const pending = await screen.findByRole('list', { name: 'Pending invitations' });
    expect(
      within(pending)
        .getAllByRole('listitem')
        .map((item) => item.getAttribute('aria-label')),
    ).toEqual(['new@example.com']);
    expect(within(pending).getByText(/Admin/)).toBeTruthy();
    expect(screen.queryByText('Only owners and admins manage the team.')).toBeNull();
    expect(named(sent, 'TeamInvitations')).toHaveLength(1);
  });

  it('is read-only for a member, says why, and does not ask for the invitations', async () => {
    const { sent } = renderTeam({}, fakeMe({ role: 'MEMBER' }));
    expect(screen.getByText('Only owners and admins manage the team.')).toBeTruthy();
    await screen.findByRole('table', { name: 'Team members' });
    expect((within(inviteForm()).getByLabelText('Email') as HTMLInputElement).closest('fieldset')!.disabled).toBe(true);
    expect((within(inviteForm()).getByRole('button', { name: 'Invite' }) as HTMLButtonElement).disabled).toBe(true);
    for (const name of ['Ada Lovelace', 'Grace Hopper']) {
      expect((within(row(name)).getByLabelText(`Role of ${name}`) as HTMLSelectElement).disabled).toBe(true);
      expect((within(row(name)).getByRole('button', { name: `Deactivate ${name}` }) as HTMLButtonElement).disabled).toBe(true);
    }
    expect(screen.queryByText('Pending invitations')).toBeNull();
    expect(named(sent, 'TeamInvitations')).toHaveLength(0);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('lets an admin manage members and admins but not owners', async () => {
    renderTeam({}, fakeMe({ role: 'ADMIN' }));
    await screen.findByRole('table', { name: 'Team members' });
    const ownerRole = within(row('Ada Lovelace')).getByLabelText('Role of Ada Lovelace') as HTMLSelectElement;
    expect(ownerRole.disabled).toBe(true);
    expect(ownerRole.title).toBe('Only an owner can change an owner.');
    expect((within(row('Ada Lovelace')).getByRole('button', { name: 'Deactivate Ada Lovelace' }) as HTMLButtonElement).disabled).toBe(true);
    const memberRole = within(row('Grace Hopper')).getByLabelText('Role of Grace Hopper') as HTMLSelectElement;
    expect(memberRole.disabled).toBe(false);
    expect((within(memberRole).getByRole('option', { name: 'Owner' }) as HTMLOptionElement).disabled).toBe(true);
    const inviteRole = within(inviteForm()).getByLabelText('Role') as HTMLSelectElement;
    expect((within(inviteRole).getByRole('option', { name: 'Owner' }) as HTMLOptionElement).disabled).toBe(true);
  });

  it('refuses an empty email without sending anything', async () => {
    const { sent } = renderTeam();
    await userEvent.click(within(inviteForm()).getByRole('button', { name: 'Invite' }));
    expect(within(inviteForm()).getByText('Enter the email address to invite.')).toBeTruthy();
    expect(named(sent, 'InviteTeamMember')).toHaveLength(0);
  });

  it('shows the server’s refusals on their fields', async () => {
    let answer = refused('inviteUser', ['input', 'email'], 'EMAIL_TAKEN', 'Someone already uses this email');
    renderTeam({ InviteTeamMember: () => answer });
    await userEvent.type(within(inviteForm()).getByLabelText('Email'), 'grace@example.com');
    await userEvent.click(within(inviteForm()).getByRole('button', { name: 'Invite' }));
    expect(await within(inviteForm()).findByText('Someone already uses this email')).toBeTruthy();
    expect(within(inviteForm()).getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');

    answer = refused('inviteUser', ['input', 'role'], 'FORBIDDEN', 'Only an owner may invite an owner');
    await userEvent.click(within(inviteForm()).getByRole('button', { name: 'Invite' }));
    expect(await within(inviteForm()).findByText('Only an owner may invite an owner')).toBeTruthy();
    expect(within(inviteForm()).getByLabelText('Role').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByLabelText('Invitation link')).toBeNull();
  });

  it('invites, shows the link once with a Copy button, and re-reads the invitations', async () => {
    const writeText = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined);
    const { sent } = renderTeam({
      InviteTeamMember: {
        data: {
          inviteUser: {
            invitation: { ...invitation('i9', 'new@example.com', { role: 'ADMIN' }), acceptToken: 'tsi_abc/123' },
            userErrors: [],
          },
        },
      },
    });
    await userEvent.type(within(inviteForm()).getByLabelText('Email'), ' new@example.com ');
    await userEvent.selectOptions(within(inviteForm()).getByLabelText('Role'), 'ADMIN');
    await userEvent.click(within(inviteForm()).getByRole('button', { name: 'Invite' }));
    const link = (await screen.findByLabelText('Invitation link')) as HTMLInputElement;
    expect(link.value).toBe(`${window.location.origin}/invite?token=tsi_abc%2F123`);
    expect(link.readOnly).toBe(true);
    expect(screen.getByText('Invitation for new@example.com created.')).toBeTruthy();
    expect(named(sent, 'InviteTeamMember').map((s) => s.variables)).toEqual([{ input: { email: 'new@example.com', role: 'ADMIN' } }]);
    // The form is ready for the next one.
    expect((within(inviteForm()).getByLabelText('Email') as HTMLInputElement).value).toBe('');
    expect((within(inviteForm()).getByLabelText('Role') as HTMLSelectElement).value).toBe('MEMBER');
    await waitFor(() => expect(named(sent, 'TeamInvitations').length).toBeGreaterThanOrEqual(2));

    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    await userEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(link.value);
    expect(await screen.findByText('Copied.')).toBeTruthy();
  });

  it('says so when the browser refuses to copy', async () => {
    renderTeam({
      InviteTeamMember: {
        data: { inviteUser: { invitation: { ...invitation('i9', 'new@example.com'), acceptToken: 'tsi_x' }, userErrors: [] } },
      },
    });
    await userEvent.type(within(inviteForm()).getByLabelText('Email'), 'new@example.com');
    await userEvent.click(within(inviteForm()).getByRole('button', { name: 'Invite' }));
    await screen.findByLabelText('Invitation link');
    Object.defineProperty(window.navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('denied')) },
      configurable: true,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText(/did not allow copying/)).toBeTruthy();
  });

  it('changes a role and re-reads the team', async () => {
    let promoted = false;
    const { sent } = renderTeam({
      TeamUsers: () => users(ADA, promoted ? { ...GRACE, role: 'ADMIN' } : GRACE),
      ChangeTeamRole: () => {
        promoted = true;
        return { data: { changeUserRole: { user: { id: 'u2', role: 'ADMIN' }, userErrors: [] } } };
      },
    });
    await screen.findByRole('table', { name: 'Team members' });
    await userEvent.selectOptions(within(row('Grace Hopper')).getByLabelText('Role of Grace Hopper'), 'ADMIN');
    expect(named(sent, 'ChangeTeamRole').map((s) => s.variables)).toEqual([{ input: { userId: 'u2', role: 'ADMIN' } }]);
    await waitFor(() =>
      expect((within(row('Grace Hopper')).getByLabelText('Role of Grace Hopper') as HTMLSelectElement).value).toBe('ADMIN'),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows LAST_OWNER next to the user and keeps their role', async () => {
    renderTeam({
      ChangeTeamRole: refused('changeUserRole', ['input', 'userId'], 'LAST_OWNER', 'The tenant must keep at least one active owner'),
    });
    await screen.findByRole('table', { name: 'Team members' });
    await userEvent.selectOptions(within(row('Ada Lovelace')).getByLabelText('Role of Ada Lovelace'), 'MEMBER');
    expect((await within(row('Ada Lovelace')).findByRole('alert')).textContent).toBe(
      'This is the last active owner: make someone else an owner first.',
    );
    expect((within(row('Ada Lovelace')).getByLabelText('Role of Ada Lovelace') as HTMLSelectElement).value).toBe('OWNER');
  });

  it('deactivates only after a confirmation', async () => {
    let deactivated = false;
    const { sent } = renderTeam({
      TeamUsers: () => users(ADA, { ...GRACE, active: !deactivated }),
      DeactivateTeamMember: () => {
        deactivated = true;
        return { data: { deactivateUser: { user: { id: 'u2', active: false }, userErrors: [] } } };
      },
    });
    await screen.findByRole('table', { name: 'Team members' });
    await userEvent.click(within(row('Grace Hopper')).getByRole('button', { name: 'Deactivate Grace Hopper' }));
    const confirm = within(row('Grace Hopper')).getByRole('group', { name: 'Confirm deactivating Grace Hopper' });
    expect(within(confirm).getByText('Deactivate Grace Hopper? They can no longer sign in.')).toBeTruthy();
    await userEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(named(sent, 'DeactivateTeamMember')).toHaveLength(0);

    await userEvent.click(within(row('Grace Hopper')).getByRole('button', { name: 'Deactivate Grace Hopper' }));
    await userEvent.click(within(row('Grace Hopper')).getByRole('button', { name: 'Yes, deactivate' }));
    expect(named(sent, 'DeactivateTeamMember').map((s) => s.variables)).toEqual([{ input: { userId: 'u2' } }]);
    expect(await within(row('Grace Hopper')).findByText('Deactivated')).toBeTruthy();
  });

  it('shows a refused deactivation next to the user', async () => {
    renderTeam({
      DeactivateTeamMember: refused('deactivateUser', ['input', 'userId'], 'LAST_OWNER', 'The tenant must keep at least one active owner'),
    });
    await screen.findByRole('table', { name: 'Team members' });
    await userEvent.click(within(row('Ada Lovelace')).getByRole('button', { name: 'Deactivate Ada Lovelace' }));
    await userEvent.click(within(row('Ada Lovelace')).getByRole('button', { name: 'Yes, deactivate' }));
    expect((await within(row('Ada Lovelace')).findByRole('alert')).textContent).toMatch(/last active owner/);
    expect(within(row('Grace Hopper')).queryByRole('alert')).toBeNull();
  });

  it('revokes a pending invitation, and shows a refusal next to it', async () => {
    let revoked = false;
    const { sent } = renderTeam({
      TeamInvitations: () => invitations(...(revoked ? [] : [invitation('i1', 'new@example.com')]), invitation('i2', 'two@example.com')),
      RevokeTeamInvitation: (variables) => {
        if ((variables.input as { invitationId: string }).invitationId === 'i2')
          return refused('revokeInvitation', ['input', 'invitationId'], 'INVITATION_INVALID', 'The invitation was already accepted');
        revoked = true;
        return { data: { revokeInvitation: { invitation: invitation('i1', 'new@example.com', { revokedAt: later }), userErrors: [] } } };
      },
    });
    const pending = await screen.findByRole('list', { name: 'Pending invitations' });
    await userEvent.click(within(pending).getByRole('button', { name: 'Revoke the invitation for new@example.com' }));
    expect(named(sent, 'RevokeTeamInvitation')[0]?.variables).toEqual({ input: { invitationId: 'i1' } });
    await waitFor(() => expect(within(pending).queryByText(/new@example\.com/)).toBeNull());
    await userEvent.click(within(pending).getByRole('button', { name: 'Revoke the invitation for two@example.com' }));
    expect((await within(pending).findByRole('alert')).textContent).toContain('The invitation was already accepted');
  });
});

describe('invitationLink', () => {
  it('is the dashboard’s /invite page with the token', () => {
    expect(invitationLink('tsi_a+b', 'https://app.example.com')).toBe('https://app.example.com/invite?token=tsi_a%2Bb');
  });
});
