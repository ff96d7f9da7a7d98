import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { Provider, type Client } from 'urql';
import { delay, fromValue, never, pipe } from 'wonka';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { AppRoutes } from './App';
import { SessionProvider } from './auth/session';
import { AppConfigContext } from './lib/config';
import { fakeMe } from './test/render';

// The real explorer page is GraphiQL with Monaco (a browser test covers it): here a stand-in records
// when the app loads it, which must be only when /graphiql is opened.
const explorer = vi.hoisted(() => ({ loaded: false }));
vi.mock('./pages/ApiExplorer', () => {
  explorer.loaded = true;
  return { default: () => <h1>GraphiQL stand-in</h1> };
});

/** A JWT-shaped token expiring in an hour. */
function token() {
  const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'u1', exp: Math.floor(Date.now() / 1000) + 3600 })}.signature`;
}

/** Answers the workspace's Me query; everything else stays loading. */
const client = {
  executeQuery: (operation: { query: DocumentNode }) => {
    const definition = operation.query.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (definition?.name?.value !== 'Me') return never;
    return pipe(fromValue({ operation, data: { me: fakeMe() }, stale: false, hasNext: false }), delay(0));
  },
  executeMutation: () => never,
  executeSubscription: () => never,
} as unknown as Client;

function renderApp(path: string) {
  return render(
    <AppConfigContext.Provider value={{ graphqlUrl: 'http://api.test/graphql', graphqlWsUrl: 'ws://api.test/graphql' }}>
      <SessionProvider storage={window.sessionStorage}>
        <Provider value={client}>
          <MemoryRouter initialEntries={[path]}>
            <AppRoutes />
          </MemoryRouter>
        </Provider>
      </SessionProvider>
    </AppConfigContext.Provider>,
  );
}

describe('the API explorer route', () => {
  it('sends a visitor without a session to the login page, without loading the explorer', async () => {
    renderApp('/graphiql');
    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeTruthy();
    expect(screen.queryByText('GraphiQL stand-in')).toBeNull();
    expect(explorer.loaded).toBe(false);
  });

  it('is in the navigation, and loads the explorer only when it is opened', async () => {
    window.sessionStorage.setItem('tessera.session', token());
    renderApp('/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(explorer.loaded).toBe(false);

    const link = screen.getByRole('link', { name: 'API explorer' });
    expect(link.getAttribute('href')).toBe('/graphiql');
    await userEvent.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'GraphiQL stand-in' })).toBeTruthy();
    expect(explorer.loaded).toBe(true);
    expect(link.getAttribute('aria-current')).toBe('page');
  });
});

describe('the invitation route', () => {
  it('is public: a visitor without a session gets the form, not the login page', async () => {
    renderApp('/invite?token=tsi_abc');
    expect(await screen.findByRole('heading', { level: 1, name: 'Join your team' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Log in' })).toBeNull();
  });
});
