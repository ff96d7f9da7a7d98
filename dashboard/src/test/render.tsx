// Component-test harness: renders a page with a router, a signed-in workspace and a urql client that
// answers each operation (by name) from a table, recording what the component sent.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { Provider, type Client } from 'urql';
import { concat, delay, fromValue, makeSubject, map, never, pipe } from 'wonka';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { SessionProvider } from '../auth/session';
import type { ModuleKey } from '../generated/graphql';
import { WorkspaceContext, type Me } from '../workspace';

export type Answer = { data?: unknown; error?: Error } | ((variables: Record<string, unknown>) => { data?: unknown; error?: Error });

export interface Sent {
  name: string;
  variables: Record<string, unknown>;
}

function operationName(query: DocumentNode): string {
  const operation = query.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operation?.name?.value ?? '';
}

export function fakeMe(overrides: { modules?: ModuleKey[]; role?: Me['role']; plan?: Me['tenant']['plan'] } = {}): Me {
  return {
    __typename: 'User',
    id: 'u1',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    role: overrides.role ?? 'OWNER',
    tenant: {
      __typename: 'Tenant',
      id: 't1',
      name: 'Northwind',
      plan: overrides.plan ?? 'BUSINESS',
      defaultCurrency: 'EUR',
      enabledModules: overrides.modules ?? [
        'CRM',
        'INVOICING',
        'HR',
        'PAYROLL',
        'PROJECTS',
        'BOOKING',
        'COMMERCE',
        'POS',
        'ANALYTICS',
        'FLEET',
      ],
      branding: { __typename: 'Branding', displayName: 'Northwind Studio', primaryColor: '#2b59c3', logoUrl: null },
    },
  };
}

/**
 * Renders `ui` at `path` (matched by `route`). `answers` maps operation names to results; an operation
 * with no answer never resolves (a loading state). Subscriptions get a subject to push with `push`.
 */
export function renderPage(
  ui: ReactElement,
  {
    path = '/',
    route = '*',
    answers = {},
    me = fakeMe(),
  }: { path?: string; route?: string; answers?: Record<string, Answer>; me?: Me } = {},
) {
  const sent: Sent[] = [];
  const subjects = new Map<string, ReturnType<typeof makeSubject<{ data?: unknown }>>>();
  const answer = (query: DocumentNode, variables: Record<string, unknown>) => {
    const name = operationName(query);
    sent.push({ name, variables });
    const entry = answers[name];
    if (!entry) return null;
    return typeof entry === 'function' ? entry(variables) : entry;
  };
  const result = (operation: { query: DocumentNode; variables?: unknown }, found: { data?: unknown; error?: Error } | null) =>
    found
      ? // A query's stream stays open like a real one (urql clears `error` when a stream ends).
        pipe(
          concat([
            fromValue({
              operation,
              data: found.data,
              error: found.error ? { message: found.error.message, graphQLErrors: [found.error], networkError: undefined } : undefined,
              stale: false,
              hasNext: false,
            }),
            never,
          ]),
          delay(0),
        )
      : never;
  const client = {
    executeQuery: (operation: { query: DocumentNode; variables?: Record<string, unknown> }) =>
      result(operation, answer(operation.query, operation.variables ?? {})),
    executeMutation: (operation: { query: DocumentNode; variables?: Record<string, unknown> }) =>
      result(operation, answer(operation.query, operation.variables ?? {})),
    executeSubscription: (operation: { query: DocumentNode; variables?: Record<string, unknown> }) => {
      const name = operationName(operation.query);
      sent.push({ name, variables: operation.variables ?? {} });
      const subject = makeSubject<{ data?: unknown }>();
      subjects.set(name, subject);
      return pipe(
        subject.source,
        map((value) => ({ operation, data: value.data, error: undefined, stale: false, hasNext: true })),
      );
    },
  } as unknown as Client;
  const workspace = {
    me,
    enabled: (module: ModuleKey | null) => module === null || me.tenant.enabledModules.includes(module),
    refresh: () => undefined,
  };
  const view = render(
    <SessionProvider storage={window.sessionStorage}>
      <Provider value={client}>
        <WorkspaceContext.Provider value={workspace}>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path={route} element={ui} />
              <Route path="*" element={<p>elsewhere</p>} />
            </Routes>
          </MemoryRouter>
        </WorkspaceContext.Provider>
      </Provider>
    </SessionProvider>,
  );
  return {
    ...view,
    sent,
    /** Pushes a subscription payload to the component. */
    push(name: string, data: unknown) {
      const subject = subjects.get(name);
      if (!subject) throw new Error(`no subscription ${name} is open`);
      subject.next({ data });
    },
  };
}
