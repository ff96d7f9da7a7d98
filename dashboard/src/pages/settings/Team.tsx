import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  ChangeTeamRoleDocument,
  DeactivateTeamMemberDocument,
  InviteTeamMemberDocument,
  RevokeTeamInvitationDocument,
  TeamInvitationsDocument,
  TeamUsersDocument,
  type Role,
  type TeamInvitationFragment,
  type TeamUserFragment,
} from '../../generated/graphql';
import { CopyField, Empty, Field, Panel, Pending } from '../../components/ui';
import { errorMessage, formErrors, type UserErrorLike } from '../../lib/errors';
import { formatDate, humanize } from '../../lib/format';
import { useWorkspace } from '../../workspace';

const ROLES: Role[] = ['MEMBER', 'ADMIN', 'OWNER'];

/** The server's refusal of a change to one user, in words that say what to do about it. */
export function userChangeError(errors: readonly (UserErrorLike & { code?: string })[] | undefined, fallback: string): string {
  const error = errors?.[0];
  if (!error) return fallback;
  if (error.code === 'LAST_OWNER') return 'This is the last active owner: make someone else an owner first.';
  return error.message;
}

/** The link an invited person opens to join: this dashboard's /invite page with the one-time token. */
export function invitationLink(acceptToken: string, origin = window.location.origin): string {
  return `${origin}/invite?token=${encodeURIComponent(acceptToken)}`;
}

function pendingInvitation(invitation: TeamInvitationFragment, now = Date.now()): boolean {
  return !invitation.acceptedAt && !invitation.revokedAt && new Date(invitation.expiresAt).getTime() > now;
}

function InviteForm({ ownerMayInvite, disabled, onInvited }: { ownerMayInvite: boolean; disabled: boolean; onInvited: () => void }) {
  const [{ fetching }, invite] = useMutation(InviteTeamMemberDocument);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('MEMBER');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [invited, setInvited] = useState<{ email: string; link: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setInvited(null);
    if (!email.trim()) {
      setErrors({ email: 'Enter the email address to invite.' });
      return;
    }
    const result = await invite({ input: { email: email.trim(), role } });
    const invitation = result.data?.inviteUser.invitation;
    if (invitation?.acceptToken) {
      setErrors({});
      setEmail('');
      setRole('MEMBER');
      setInvited({ email: invitation.email, link: invitationLink(invitation.acceptToken) });
      onInvited();
      return;
    }
    setErrors(formErrors(result.data?.inviteUser.userErrors, result.error, 'The invitation could not be created.'));
  }

  return (
    <>
      <div aria-live="polite">
        {errors[''] ? (
          <p className="notice notice-error" role="alert">
            {errors['']}
          </p>
        ) : null}
        {invited ? (
          <div className="notice notice-success">
            <p className="notice-title">Invitation for {invited.email} created.</p>
            <CopyField
              label="Invitation link"
              value={invited.link}
              hint="Send them this link: it works once, for 7 days. It is not shown again."
            />
          </div>
        ) : null}
      </div>
      <form className="form-inline team-invite" onSubmit={submit} noValidate aria-label="Invite someone">
        <fieldset disabled={disabled} className="plain-fieldset form-inline">
          <Field label="Email" error={errors.email}>
            {(props) => (
              <input {...props} type="email" autoComplete="off" maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
            )}
          </Field>
          <Field label="Role" error={errors.role}>
            {(props) => (
              <select {...props} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((option) => (
                  <option key={option} value={option} disabled={option === 'OWNER' && !ownerMayInvite}>
                    {humanize(option)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="btn btn-primary" disabled={disabled || fetching}>
            {fetching ? 'Inviting…' : 'Invite'}
          </button>
        </fieldset>
      </form>
    </>
  );
}

function UserRow({
  user,
  isSelf,
  canManage,
  callerIsOwner,
  onChanged,
}: {
  user: TeamUserFragment;
  isSelf: boolean;
  canManage: boolean;
  callerIsOwner: boolean;
  onChanged: () => void;
}) {
  const [role, changeRole] = useMutation(ChangeTeamRoleDocument);
  const [deactivation, deactivate] = useMutation(DeactivateTeamMemberDocument);
  const [shownRole, setShownRole] = useState<Role | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Only an owner makes or unmakes an owner: an admin cannot touch an owner's row.
  const mayChange = canManage && user.active && (callerIsOwner || user.role !== 'OWNER');
  const why = !canManage ? undefined : !mayChange && user.active ? 'Only an owner can change an owner.' : undefined;

  async function pickRole(next: Role) {
    setError(null);
    setConfirming(false);
    setShownRole(next);
    const result = await changeRole({ input: { userId: user.id, role: next } });
    setShownRole(null);
    if (result.data?.changeUserRole.user) onChanged();
    else setError(userChangeError(result.data?.changeUserRole.userErrors, errorMessage(result.error) || 'The role could not be changed.'));
  }

  async function confirmDeactivate() {
    setError(null);
    const result = await deactivate({ input: { userId: user.id } });
    setConfirming(false);
    if (result.data?.deactivateUser.user) onChanged();
    else
      setError(userChangeError(result.data?.deactivateUser.userErrors, errorMessage(result.error) || 'The user could not be deactivated.'));
  }

  return (
    <tr aria-label={user.name}>
      <td>
        {user.name}
        {isSelf ? <span className="muted"> (you)</span> : null}
      </td>
      <td>{user.email}</td>
      <td>
        <select
          aria-label={`Role of ${user.name}`}
          value={shownRole ?? user.role}
          disabled={!mayChange || role.fetching}
          title={why}
          onChange={(e) => void pickRole(e.target.value as Role)}
        >
          {ROLES.map((option) => (
            <option key={option} value={option} disabled={option === 'OWNER' && !callerIsOwner}>
              {humanize(option)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span className={`badge ${user.active ? 'badge-success' : 'badge-neutral'}`}>{user.active ? 'Active' : 'Deactivated'}</span>
      </td>
      <td>
        {!user.active ? null : confirming ? (
          <div className="confirm" role="group" aria-label={`Confirm deactivating ${user.name}`}>
            <span>Deactivate {user.name}? They can no longer sign in.</span>
            <button
              type="button"
              className="btn btn-danger btn-small"
              disabled={deactivation.fetching}
              onClick={() => void confirmDeactivate()}
            >
              {deactivation.fetching ? 'Deactivating…' : 'Yes, deactivate'}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="btn btn-secondary btn-small"
            disabled={!mayChange}
            title={why}
            aria-label={`Deactivate ${user.name}`}
            onClick={() => {
              setError(null);
              setConfirming(true);
            }}
          >
            Deactivate
          </button>
        )}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

function InvitationItem({ invitation, onRevoked }: { invitation: TeamInvitationFragment; onRevoked: () => void }) {
  const [{ fetching }, revoke] = useMutation(RevokeTeamInvitationDocument);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    setError(null);
    const result = await revoke({ input: { invitationId: invitation.id } });
    if (result.data?.revokeInvitation.invitation) onRevoked();
    else
      setError(
        result.data?.revokeInvitation.userErrors[0]?.message ?? (errorMessage(result.error) || 'The invitation could not be revoked.'),
      );
  }

  return (
    <li aria-label={invitation.email}>
      <span>
        {invitation.email} · {humanize(invitation.role)} · <span className="muted">expires {formatDate(invitation.expiresAt)}</span>
      </span>
      <span>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          disabled={fetching}
          aria-label={`Revoke the invitation for ${invitation.email}`}
          onClick={() => void submit()}
        >
          {fetching ? 'Revoking…' : 'Revoke'}
        </button>
        {error ? (
          <span className="field-error" role="alert">
            {' '}
            {error}
          </span>
        ) : null}
      </span>
    </li>
  );
}

/**
 * The workspace's people: owners and admins invite (a one-time link to hand on), change roles and
 * deactivate; members see who is on the team, with the controls disabled and the reason why.
 */
export function TeamPanel() {
  const { me } = useWorkspace();
  const canManage = me.role === 'OWNER' || me.role === 'ADMIN';
  const [users, refetchUsers] = useQuery({ query: TeamUsersDocument });
  // Members get FORBIDDEN for invitations: not asked for.
  const [invitations, refetchInvitations] = useQuery({ query: TeamInvitationsDocument, pause: !canManage });
  const reloadUsers = () => refetchUsers({ requestPolicy: 'network-only' });
  const reloadInvitations = () => refetchInvitations({ requestPolicy: 'network-only' });
  const pending = invitations.data?.invitations.edges.map((edge) => edge.node).filter((invitation) => pendingInvitation(invitation)) ?? [];

  return (
    <Panel title="Team">
      {!canManage ? <p className="notice notice-warning">Only owners and admins manage the team.</p> : null}
      <InviteForm ownerMayInvite={me.role === 'OWNER'} disabled={!canManage} onInvited={reloadInvitations} />
      {!users.data ? (
        <Pending error={users.error} fetching={users.fetching} onRetry={reloadUsers} />
      ) : (
        <div className="table-wrap">
          <table aria-label="Team members">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.edges.map(({ node: user }) => (
                <UserRow
                  key={user.id}
                  user={user}
                  isSelf={user.id === me.id}
                  canManage={canManage}
                  callerIsOwner={me.role === 'OWNER'}
                  onChanged={reloadUsers}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage ? (
        <>
          <h3 className="panel-subtitle">Pending invitations</h3>
          {!invitations.data ? (
            <Pending error={invitations.error} fetching={invitations.fetching} onRetry={reloadInvitations} />
          ) : pending.length === 0 ? (
            <Empty title="No pending invitations" />
          ) : (
            <ul className="simple-list" aria-label="Pending invitations">
              {pending.map((invitation) => (
                <InvitationItem key={invitation.id} invitation={invitation} onRevoked={reloadInvitations} />
              ))}
            </ul>
          )}
        </>
      ) : null}
    </Panel>
  );
}
