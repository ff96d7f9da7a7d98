import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { UpdateBrandingDocument } from '../generated/graphql';
import { Field, PageHeader, Panel } from '../components/ui';
import { formErrors } from '../lib/errors';
import { MODULE_NAMES } from '../modules';
import { contrastRatio, paletteFor, parseHex } from '../theme/color';
import { useWorkspace } from '../workspace';
import { ApiKeysPanel } from './settings/ApiKeys';
import { TeamPanel } from './settings/Team';

/**
 * Workspace settings: the white-label branding, the team and the API keys (owners and admins manage
 * them; members see them read-only), plan and modules.
 */
export default function SettingsPage() {
  const { me, refresh } = useWorkspace();
  const canEdit = me.role === 'OWNER' || me.role === 'ADMIN';
  const current = me.tenant.branding;
  const [form, setForm] = useState({
    displayName: current.displayName,
    primaryColor: current.primaryColor,
    logoUrl: current.logoUrl ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [{ fetching }, update] = useMutation(UpdateBrandingDocument);
  const preview = paletteFor(form.primaryColor);
  const validColor = parseHex(form.primaryColor) !== null && /^#/.test(form.primaryColor);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const local: Record<string, string> = {};
    if (!form.displayName.trim()) local.displayName = 'Enter the name to show.';
    if (!validColor) local.primaryColor = 'Use a colour such as #2b59c3.';
    if (form.logoUrl.trim() && !/^https:\/\//.test(form.logoUrl.trim())) local.logoUrl = 'The logo must be an https:// address.';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const result = await update({
      input: { displayName: form.displayName.trim(), primaryColor: form.primaryColor.toLowerCase(), logoUrl: form.logoUrl.trim() || null },
    });
    const payload = result.data?.updateBranding;
    if (payload?.tenant) {
      setErrors({});
      setSaved(true);
      refresh();
      return;
    }
    setErrors(formErrors(payload?.userErrors, result.error, 'The branding could not be saved.'));
  }

  return (
    <>
      <PageHeader
        title="Settings"
        description="How Tessera looks for everyone in your workspace, who is on the team, and the keys of your integrations."
      />
      <Panel title="Branding">
        {!canEdit ? <p className="notice notice-warning">Only the workspace owner or an admin can change the branding.</p> : null}
        <div aria-live="polite">
          {saved ? (
            <p className="notice notice-success" role="status">
              Branding saved. Everyone in {me.tenant.name} sees it from now on.
            </p>
          ) : null}
          {errors[''] ? (
            <p className="notice notice-error" role="alert">
              {errors['']}
            </p>
          ) : null}
        </div>
        <form className="form" onSubmit={submit} noValidate aria-label="Branding">
          <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0, display: 'grid', gap: '0.9rem' }}>
            <Field label="Display name" error={errors.displayName}>
              {(props) => (
                <input
                  {...props}
                  maxLength={100}
                  value={form.displayName}
                  onChange={(e) => setForm((f) => ({ ...f, displayName: e.target.value }))}
                />
              )}
            </Field>
            <Field
              label="Primary colour"
              error={errors.primaryColor}
              hint={
                validColor
                  ? `Text on it: ${preview.onBrand === '#ffffff' ? 'white' : 'dark'} (contrast ${contrastRatio(parseHex(preview.brand)!, parseHex(preview.onBrand)!).toFixed(1)}:1)`
                  : undefined
              }
            >
              {(props) => (
                <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
                  <input
                    {...props}
                    value={form.primaryColor}
                    onChange={(e) => setForm((f) => ({ ...f, primaryColor: e.target.value.trim() }))}
                  />
                  <input
                    type="color"
                    aria-label="Pick the primary colour"
                    value={validColor ? form.primaryColor.toLowerCase() : '#2b59c3'}
                    onChange={(e) => setForm((f) => ({ ...f, primaryColor: e.target.value }))}
                  />
                </div>
              )}
            </Field>
            <Field label="Logo URL" error={errors.logoUrl} hint="An https:// address of an image; leave empty for none.">
              {(props) => (
                <input {...props} type="url" value={form.logoUrl} onChange={(e) => setForm((f) => ({ ...f, logoUrl: e.target.value }))} />
              )}
            </Field>
            <div>
              <p className="field-hint" id="preview-label">
                Preview
              </p>
              <div className="branding-preview" aria-labelledby="preview-label">
                <div className="topbar" style={{ background: preview.brand, color: preview.onBrand }}>
                  <div className="brand">
                    {form.logoUrl.trim() ? (
                      <img className="brand-logo" src={form.logoUrl.trim()} alt="" />
                    ) : (
                      <span className="brand-mark" aria-hidden="true" />
                    )}
                    <span className="brand-name">{form.displayName || ' '}</span>
                  </div>
                </div>
              </div>
            </div>
            <div>
              <button type="submit" className="btn btn-primary" disabled={fetching || !canEdit}>
                {fetching ? 'Saving…' : 'Save branding'}
              </button>
            </div>
          </fieldset>
        </form>
      </Panel>
      <Panel title="Plan and modules">
        <p>
          {me.tenant.name} is on the <strong>{me.tenant.plan === 'FREE' ? 'Free' : 'Business'}</strong> plan. Money is shown in{' '}
          {me.tenant.defaultCurrency} by default.
        </p>
        <ul className="simple-list" aria-label="Enabled modules">
          {Object.entries(MODULE_NAMES).map(([key, name]) => (
            <li key={key}>
              <span>{name}</span>
              <span
                className={`badge ${me.tenant.enabledModules.includes(key as keyof typeof MODULE_NAMES) ? 'badge-success' : 'badge-neutral'}`}
              >
                {me.tenant.enabledModules.includes(key as keyof typeof MODULE_NAMES) ? 'Enabled' : 'Not in plan'}
              </span>
            </li>
          ))}
        </ul>
      </Panel>
      <TeamPanel />
      <ApiKeysPanel />
    </>
  );
}
