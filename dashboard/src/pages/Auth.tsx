import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useMutation } from 'urql';
import { useSession } from '../auth/session';
import { LoginDocument, SignUpDocument, type Plan } from '../generated/graphql';
import { Field } from '../components/ui';
import { errorMessage, formErrors } from '../lib/errors';

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
      signIn(payload.token);
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
      signIn(payload.token);
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
