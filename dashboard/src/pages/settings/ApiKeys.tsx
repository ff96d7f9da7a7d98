import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  ApiKeysDocument,
  CreateApiKeyDocument,
  RevokeApiKeyDocument,
  type ApiKeyAccess,
  type ApiKeyRowFragment,
  type ModuleKey,
} from '../../generated/graphql';
import { CopyField, Empty, Field, Panel, Pending } from '../../components/ui';
import { errorMessage, formErrors } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { MODULE_NAMES } from '../../modules';
import { useWorkspace } from '../../workspace';

const ACCESS: { value: ApiKeyAccess; label: string; about: string }[] = [
  { value: 'READ', label: 'Read only', about: 'queries only' },
  { value: 'READ_WRITE', label: 'Read and write', about: 'queries and the modules’ mutations' },
];
const accessLabel = (access: ApiKeyAccess) => ACCESS.find((a) => a.value === access)?.label ?? access;
const moduleName = (module: ModuleKey) => MODULE_NAMES[module] ?? module;

/** An optional expiry date (yyyy-mm-dd, the reader's day) as the end of that day, or null for never. */
export function expiryOf(date: string): string | null {
  if (!date) return null;
  const end = new Date(`${date}T23:59:59`);
  return Number.isNaN(end.getTime()) ? null : end.toISOString();
}

function CreateKeyForm({ modules, disabled, onCreated }: { modules: ModuleKey[]; disabled: boolean; onCreated: () => void }) {
  const [{ fetching }, create] = useMutation(CreateApiKeyDocument);
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<ModuleKey[]>([]);
  const [access, setAccess] = useState<ApiKeyAccess>('READ');
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const modulesErrorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    const expiresAt = expiryOf(expires);
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = 'Enter a name, e.g. the integration’s.';
    if (picked.length === 0) local.modules = 'Pick at least one module.';
    if (expires && (!expiresAt || new Date(expiresAt).getTime() <= Date.now())) local.expiresAt = 'Pick a day from today on.';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const result = await create({ input: { name: name.trim(), modules: picked, access, expiresAt } });
    const payload = result.data?.createApiKey;
    if (payload?.apiKey && payload.secret) {
      setErrors({});
      setName('');
      setPicked([]);
      setAccess('READ');
      setExpires('');
      setCreated({ name: payload.apiKey.name, secret: payload.secret });
      onCreated();
      return;
    }
    setErrors(formErrors(payload?.userErrors, result.error, 'The key could not be created.'));
  }

  const toggle = (module: ModuleKey, on: boolean) =>
    setPicked((current) => (on ? [...current, module] : current.filter((m) => m !== module)));

  return (
    <>
      <div aria-live="polite">
        {errors[''] ? (
          <p className="notice notice-error" role="alert">
            {errors['']}
          </p>
        ) : null}
        {created ? (
          <div className="notice notice-success" role="region" aria-label="New API key">
            <p className="notice-title">Key “{created.name}” created. Copy its secret now: it will not be shown again.</p>
            <CopyField label="Secret" value={created.secret} hint="Send it as Authorization: Bearer <secret>. Only a hash is kept." />
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setCreated(null)}>
              I have copied it
            </button>
          </div>
        ) : null}
      </div>
      <form className="form" onSubmit={submit} noValidate aria-label="Create an API key">
        <fieldset disabled={disabled} className="plain-fieldset form">
          <Field label="Name" error={errors.name}>
            {(props) => <input {...props} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <div className={`field ${errors.modules ? 'field-invalid' : ''}`}>
            <fieldset className="checkbox-group" aria-describedby={errors.modules ? modulesErrorId : undefined}>
              <legend>Modules</legend>
              {modules.map((module) => (
                <label key={module}>
                  <input
                    type="checkbox"
                    name="modules"
                    value={module}
                    checked={picked.includes(module)}
                    onChange={(e) => toggle(module, e.target.checked)}
                  />
                  {moduleName(module)}
                </label>
              ))}
            </fieldset>
            {errors.modules ? (
              <p id={modulesErrorId} className="field-error">
                {errors.modules}
              </p>
            ) : null}
          </div>
          <div className={`field ${errors.access ? 'field-invalid' : ''}`}>
            <fieldset className="checkbox-group">
              <legend>Access</legend>
              {ACCESS.map((option) => (
                <label key={option.value}>
                  <input
                    type="radio"
                    name="access"
                    value={option.value}
                    checked={access === option.value}
                    onChange={() => setAccess(option.value)}
                  />
                  {option.label} <span className="muted">({option.about})</span>
                </label>
              ))}
            </fieldset>
            {errors.access ? <p className="field-error">{errors.access}</p> : null}
          </div>
          <Field label="Expires on" error={errors.expiresAt} hint="Optional: leave empty for a key that does not expire.">
            {(props) => <input {...props} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />}
          </Field>
          <div>
            <button type="submit" className="btn btn-primary" disabled={disabled || fetching}>
              {fetching ? 'Creating…' : 'Create key'}
            </button>
          </div>
        </fieldset>
      </form>
    </>
  );
}

function KeyStatus({ apiKey }: { apiKey: ApiKeyRowFragment }) {
  if (apiKey.revokedAt) return <span className="badge badge-neutral">Revoked {formatDate(apiKey.revokedAt)}</span>;
  if (apiKey.expiresAt && new Date(apiKey.expiresAt).getTime() <= Date.now())
    return <span className="badge badge-warning">Expired {formatDate(apiKey.expiresAt)}</span>;
  return <span className="badge badge-success">{apiKey.expiresAt ? `Active until ${formatDate(apiKey.expiresAt)}` : 'Active'}</span>;
}

function KeyRow({ apiKey, onRevoked }: { apiKey: ApiKeyRowFragment; onRevoked: () => void }) {
  const [{ fetching }, revoke] = useMutation(RevokeApiKeyDocument);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirmRevoke() {
    setError(null);
    const result = await revoke({ input: { apiKeyId: apiKey.id } });
    setConfirming(false);
    if (result.data?.revokeApiKey.apiKey) onRevoked();
    else setError(result.data?.revokeApiKey.userErrors[0]?.message ?? (errorMessage(result.error) || 'The key could not be revoked.'));
  }

  return (
    <tr aria-label={apiKey.name}>
      <td>{apiKey.name}</td>
      <td>
        <code>{apiKey.hint}…</code>
      </td>
      <td>{apiKey.modules.map(moduleName).join(', ')}</td>
      <td>{accessLabel(apiKey.access)}</td>
      <td>{formatDate(apiKey.createdAt)}</td>
      <td data-testid="last-used">
        {apiKey.lastUsedAt ? <time dateTime={apiKey.lastUsedAt}>{formatDateTime(apiKey.lastUsedAt)}</time> : 'never'}
      </td>
      <td>
        <KeyStatus apiKey={apiKey} />
      </td>
      <td>
        {apiKey.revokedAt ? null : confirming ? (
          <div className="confirm" role="group" aria-label={`Confirm revoking ${apiKey.name}`}>
            <span>Revoke “{apiKey.name}”? Integrations using it stop working within seconds.</span>
            <button type="button" className="btn btn-danger btn-small" disabled={fetching} onClick={() => void confirmRevoke()}>
              {fetching ? 'Revoking…' : 'Yes, revoke'}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="btn btn-secondary btn-small"
            aria-label={`Revoke ${apiKey.name}`}
            onClick={() => {
              setError(null);
              setConfirming(true);
            }}
          >
            Revoke
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

/**
 * Credentials for server integrations: owners and admins create a key limited to some of the
 * workspace's modules and to read or read-write access (its secret shown once), and revoke it.
 */
export function ApiKeysPanel() {
  const { me } = useWorkspace();
  const canManage = me.role === 'OWNER' || me.role === 'ADMIN';
  // Members get FORBIDDEN for keys: not asked for.
  const [{ data, error, fetching }, refetch] = useQuery({ query: ApiKeysDocument, pause: !canManage });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const keys = data?.apiKeys.edges.map((edge) => edge.node) ?? [];

  return (
    <Panel title="API keys">
      {!canManage ? <p className="notice notice-warning">Only owners and admins manage API keys.</p> : null}
      <CreateKeyForm modules={me.tenant.enabledModules} disabled={!canManage} onCreated={reload} />
      {!canManage ? null : !data ? (
        <Pending error={error} fetching={fetching} onRetry={reload} />
      ) : keys.length === 0 ? (
        <Empty title="No API keys yet">Create one above for a server integration.</Empty>
      ) : (
        <div className="table-wrap">
          <table aria-label="API keys">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Modules</th>
                <th scope="col">Access</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((apiKey) => (
                <KeyRow key={apiKey.id} apiKey={apiKey} onRevoked={reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
