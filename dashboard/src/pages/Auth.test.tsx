import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { renderPage, type Answer, type Sent } from '../test/render';
import { InvitePage, LoginPage, SignUpPage } from './Auth';

/** A JWT-shaped token expiring in an hour. */
function token() {
  const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'u1', exp: Math.floor(Date.now() / 1000) + 3600 })}.signature`;
}

const named = (sent: Sent[], name: string) => sent.filter((s) => s.name === name);
const stored = () => window.sessionStorage.getItem('tessera.session');

function login(answers: Record<string, Answer>) {
  return renderPage(<LoginPage />, { path: '/login', route: '/login', answers });
}

async function fillLogin(email: string, password: string) {
  await userEvent.type(screen.getByLabelText('Email'), email);
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('LoginPage', () => {
  it('shows the server’s message for a wrong password and stays signed out', async () => {
    const { sent } = login({
      Login: { data: { login: { token: null, userErrors: [{ field: null, message: 'Wrong email or password.', code: 'X' }] } } },
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Log in' })).toBeTruthy();
    await fillLogin(' ada@example.com ', 'nope');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
    expect(named(sent, 'Login').map((s) => s.variables)).toEqual([{ input: { email: 'ada@example.com', password: 'nope' } }]);
    expect(stored()).toBeNull();
    expect(screen.queryByText('elsewhere')).toBeNull();
  });

  it('shows a request error', async () => {
    login({ Login: { error: new GraphQLError('Too many attempts, try again in a minute') } });
    await fillLogin('ada@example.com', 'secret');
    expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts, try again in a minute');
  });

  it('stores the token and leaves the login page', async () => {
    const jwt = token();
    login({ Login: { data: { login: { token: jwt, userErrors: [] } } } });
    await fillLogin('ada@example.com', 'correct horse battery');
    expect(await screen.findByText('elsewhere')).toBeTruthy();
    expect(stored()).toBe(jwt);
  });

  it('moves on at once when already signed in', () => {
    window.sessionStorage.setItem('tessera.session', token());
    login({});
    expect(screen.getByText('elsewhere')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Log in' })).toBeNull();
  });

  it('ignores an expired stored token', () => {
    window.sessionStorage.setItem('tessera.session', 'x.eyJleHAiOjF9.y');
    login({});
    expect(screen.getByRole('heading', { level: 1, name: 'Log in' })).toBeTruthy();
  });

  it('links to sign-up', () => {
    login({});
    expect(screen.getByRole('link', { name: 'Create a workspace' }).getAttribute('href')).toBe('/signup');
  });
});

describe('SignUpPage', () => {
  async function fillSignUp() {
    await userEvent.type(screen.getByLabelText('Company name'), ' Northwind ');
    await userEvent.type(screen.getByLabelText('Your name'), 'Ada Lovelace');
    await userEvent.type(screen.getByLabelText('Work email'), 'ada@northwind');
    await userEvent.type(screen.getByLabelText('Password'), 'short');
    await userEvent.selectOptions(screen.getByLabelText('Plan'), 'FREE');
    await userEvent.selectOptions(screen.getByLabelText('Currency'), 'GBP');
    await userEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
  }

  it('shows each userError under its field', async () => {
    const { sent } = renderPage(<SignUpPage />, {
      path: '/login',
      route: '/login',
      answers: {
        SignUp: {
          data: {
            signUp: {
              token: null,
              userErrors: [
                { field: ['input', 'email'], message: 'Enter a valid email address.', code: 'BAD_USER_INPUT' },
                { field: ['input', 'password'], message: 'Use at least 10 characters.', code: 'BAD_USER_INPUT' },
              ],
            },
          },
        },
      },
    });
    await fillSignUp();
    const email = screen.getByLabelText('Work email');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const emailField = email.closest('.field') as HTMLElement;
    expect(within(emailField).getByText('Enter a valid email address.')).toBeTruthy();
    expect(
      within(screen.getByLabelText('Password').closest('.field') as HTMLElement).getByText('Use at least 10 characters.'),
    ).toBeTruthy();
    expect(screen.getByLabelText('Company name').getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(named(sent, 'SignUp').map((s) => s.variables)).toEqual([
      {
        input: {
          companyName: 'Northwind',
          name: 'Ada Lovelace',
          email: 'ada@northwind',
          password: 'short',
          plan: 'FREE',
          defaultCurrency: 'GBP',
        },
      },
    ]);
    expect(stored()).toBeNull();
  });

  it('shows an error with no field above the form', async () => {
    renderPage(<SignUpPage />, {
      path: '/login',
      route: '/login',
      answers: { SignUp: { data: { signUp: { token: null, userErrors: [{ field: null, message: 'Sign-ups are paused.', code: 'X' }] } } } },
    });
    await fillSignUp();
    expect((await screen.findByRole('alert')).textContent).toBe('Sign-ups are paused.');
  });

  it('signs in with the new workspace’s token', async () => {
    const jwt = token();
    renderPage(<SignUpPage />, {
      path: '/login',
      route: '/login',
      answers: { SignUp: { data: { signUp: { token: jwt, userErrors: [] } } } },
    });
    await fillSignUp();
    expect(await screen.findByText('elsewhere')).toBeTruthy();
    expect(stored()).toBe(jwt);
  });
});

describe('InvitePage', () => {
  const invite = (answers: Record<string, Answer>, path = '/invite?token=tsi_abc123') =>
    renderPage(<InvitePage />, { path, route: '/invite', answers });
  const refused = (field: string[] | null, code: string, message: string) => ({
    data: { acceptInvitation: { token: null, userErrors: [{ field, message, code }] } },
  });

  async function fillInvite(name: string, password: string) {
    await userEvent.type(screen.getByLabelText('Your name'), name);
    await userEvent.type(screen.getByLabelText('Password'), password);
    await userEvent.click(screen.getByRole('button', { name: 'Join the workspace' }));
  }

  it('accepts with the link’s token, stores the session and goes to the overview', async () => {
    const jwt = token();
    const { sent } = invite({ AcceptInvitation: { data: { acceptInvitation: { token: jwt, userErrors: [] } } } });
    expect(screen.getByRole('heading', { level: 1, name: 'Join your team' })).toBeTruthy();
    await fillInvite(' Grace Hopper ', 'a long enough password');
    expect(await screen.findByText('elsewhere')).toBeTruthy();
    expect(stored()).toBe(jwt);
    expect(named(sent, 'AcceptInvitation').map((s) => s.variables)).toEqual([
      { input: { token: 'tsi_abc123', name: 'Grace Hopper', password: 'a long enough password' } },
    ]);
  });

  it('checks the name and the password’s length before sending', async () => {
    const { sent } = invite({});
    await fillInvite('   ', 'short');
    expect(screen.getByText('Enter your name.')).toBeTruthy();
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(named(sent, 'AcceptInvitation')).toHaveLength(0);
  });

  it('shows a used, revoked or expired invitation above the form', async () => {
    invite({
      AcceptInvitation: refused(['input', 'token'], 'INVITATION_INVALID', 'The invitation was accepted, revoked or has expired'),
    });
    await fillInvite('Grace Hopper', 'a long enough password');
    expect((await screen.findByRole('alert')).textContent).toBe('The invitation was accepted, revoked or has expired');
    expect(stored()).toBeNull();
  });

  it('shows a refused password on its field', async () => {
    invite({ AcceptInvitation: refused(['input', 'password'], 'WEAK_PASSWORD', 'This password is too common') });
    await fillInvite('Grace Hopper', 'password123');
    const password = screen.getByLabelText('Password');
    await waitFor(() => expect(password.getAttribute('aria-invalid')).toBe('true'));
    expect(within(password.closest('.field') as HTMLElement).getByText('This password is too common')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the link has no token', () => {
    invite({}, '/invite');
    expect(screen.getByRole('alert').textContent).toMatch(/no invitation in it/);
    expect(screen.queryByRole('button', { name: 'Join the workspace' })).toBeNull();
  });
});
