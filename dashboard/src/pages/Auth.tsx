import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useMutation } from 'urql';
import { useSession } from '../auth/session';
import { AcceptInvitationDocument, LoginDocument, SignUpDocument, type Plan } from '../generated/graphql';
import { Field } from '../components/ui';
import { errorMessage, formErrors, userErrorsByField } from '../lib/errors';

function AuthFrame({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  return (
    <main className="auth-screen">
      <div className="auth-card">
        <p className="auth-logo" aria-hidden="true">
          <span className="brand-mark" /> Tessera
        </p>
        <h1>{title}</h1>
        {children}
        <p className="auth-footer">{footer}</p>
      </div>
    </main>
  );
}

function useAfterSignIn() {
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return from && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { token, signIn, endedBecause } = useSession();
  const target = useAfterSignIn();
  const navigate = useNavigate();
  const [{ fetching }, login] = useMutation(LoginDocument);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (token) return <Navigate to={target} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const result = await login({ input: { email: email.trim(), password } });
    const payload = result.data?.login;
    if (payload?.token) {
      signIn(payload.token, payload.refreshToken ?? null);
      navigate(target, { replace: true });
      return;
    }
    setError(payload?.userErrors[0]?.message ?? (errorMessage(result.error) || 'Could not log in.'));
  }

  return (
    <AuthFrame
      title="Log in"
      footer={
        <>
          New to Tessera? <Link to="/signup">Create a workspace</Link>
        </>
      }
    >
      {endedBecause === 'expired' ? (
        <p className="notice notice-warning" role="status">
          Your session has expired. Please log in again.
        </p>
      ) : null}
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <form onSubmit={submit} className="form" noValidate>
        <Field label="Email">
          {(props) => (
            <input {...props} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field label="Password">
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={fetching}>
          {fetching ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </AuthFrame>
  );
}

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CAD', 'AUD'];

export function SignUpPage() {
  const { token, signIn } = useSession();
  const navigate = useNavigate();
  const [{ fetching }, signUp] = useMutation(SignUpDocument);
  const [form, setForm] = useState({
    companyName: '',
    name: '',
    email: '',
    password: '',
    plan: 'BUSINESS' as Plan,
    defaultCurrency: 'EUR',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (token) return <Navigate to="/" replace />;
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    const result = await signUp({
      input: { ...form, email: form.email.trim(), companyName: form.companyName.trim(), name: form.name.trim() },
    });
    const payload = result.data?.signUp;
    if (payload?.token) {
      signIn(payload.token, payload.refreshToken ?? null);
      navigate('/', { replace: true });
      return;
    }
    setErrors(formErrors(payload?.userErrors, result.error, 'Could not create the workspace.'));
  }

  return (
    <AuthFrame
      title="Create your workspace"
      footer={
        <>
          Already have an account? <Link to="/login">Log in</Link>
        </>
      }
    >
      {errors[''] ? (
        <p className="notice notice-error" role="alert">
          {errors['']}
        </p>
      ) : null}
      <form onSubmit={submit} className="form" noValidate>
        <Field label="Company name" error={errors.companyName}>
          {(props) => <input {...props} autoComplete="organization" required value={form.companyName} onChange={set('companyName')} />}
        </Field>
        <Field label="Your name" error={errors.name}>
          {(props) => <input {...props} autoComplete="name" required value={form.name} onChange={set('name')} />}
        </Field>
        <Field label="Work email" error={errors.email}>
          {(props) => <input {...props} type="email" autoComplete="email" required value={form.email} onChange={set('email')} />}
        </Field>
        <Field label="Password" error={errors.password} hint="At least 10 characters.">
          {(props) => (
            <input {...props} type="password" autoComplete="new-password" required value={form.password} onChange={set('password')} />
          )}
        </Field>
        <div className="form-row">
          <Field label="Plan" error={errors.plan}>
            {(props) => (
              <select {...props} value={form.plan} onChange={set('plan')}>
                <option value="BUSINESS">Business: every module</option>
                <option value="FREE">Free: CRM, invoicing, booking</option>
              </select>
            )}
          </Field>
          <Field label="Currency" error={errors.defaultCurrency}>
            {(props) => (
              <select {...props} value={form.defaultCurrency} onChange={set('defaultCurrency')}>
                {CURRENCIES.map((currency) => (
                  <option key={currency}>{currency}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <button type="submit" className="btn btn-primary btn-block" disabled={fetching}>
          {fetching ? 'Creating…' : 'Create workspace'}
        </button>
      </form>
    </AuthFrame>
  );
}

/**
 * The page an invitation link opens (/invite?token=…): the invited person picks a name and a password,
 * joins the workspace with the invitation's role and is signed in, like after a login.
 */
export function InvitePage() {
  const { token: session, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const invitation = params.get('token')?.trim() ?? '';
  const [{ fetching }, accept] = useMutation(AcceptInvitationDocument);
  const [form, setForm] = useState({ name: '', password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const footer = (
    <>
      Already have an account? <Link to="/login">Log in</Link>
    </>
  );

  if (!invitation) {
    return (
      <AuthFrame title="Join a workspace" footer={footer}>
        <p className="notice notice-error" role="alert">
          This link has no invitation in it. Ask whoever invited you for a new link.
        </p>
      </AuthFrame>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!form.name.trim()) local.name = 'Enter your name.';
    if (form.password.length < 10) local.password = 'Use at least 10 characters.';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setErrors({});
    const result = await accept({ input: { token: invitation, name: form.name.trim(), password: form.password } });
    const payload = result.data?.acceptInvitation;
    if (payload?.token) {
      signIn(payload.token, payload.refreshToken ?? null);
      navigate('/', { replace: true });
      return;
    }
    // The token is not a field here: its refusal (used, revoked, expired) is the page's own error.
    const byField = userErrorsByField(payload?.userErrors);
    const { name, password, ...rest } = byField;
    const other = Object.values(rest).join(' ');
    setErrors({
      ...(name ? { name } : {}),
      ...(password ? { password } : {}),
      ...(other || (!name && !password) ? { '': other || errorMessage(result.error) || 'The invitation could not be accepted.' } : {}),
    });
  }

  return (
    <AuthFrame title="Join your team" footer={footer}>
      {session ? (
        <p className="notice notice-warning" role="status">
          You are signed in already: joining signs you in as the new account instead.
        </p>
      ) : null}
      {errors[''] ? (
        <p className="notice notice-error" role="alert">
          {errors['']}
        </p>
      ) : null}
      <form onSubmit={submit} className="form" noValidate aria-label="Accept the invitation">
        <Field label="Your name" error={errors.name}>
          {(props) => (
            <input
              {...props}
              autoComplete="name"
              required
              value={form.name}
              onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
            />
          )}
        </Field>
        <Field label="Password" error={errors.password} hint="At least 10 characters.">
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              required
              value={form.password}
              onChange={(e) => setForm((f) => ({ ...f, password: e.target.value }))}
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={fetching}>
          {fetching ? 'Joining…' : 'Join the workspace'}
        </button>
      </form>
    </AuthFrame>
  );
}
