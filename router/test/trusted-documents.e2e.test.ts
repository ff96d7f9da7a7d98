/**
 * Trusted documents (issue 13 item 6): the dashboard's operations, registered at build time by
 * graphql-codegen's client preset (dashboard/src/generated/persisted-documents.json), run by id. With
 * TRUSTED_DOCUMENTS_ONLY (production's default) a browser of the dashboard's origin may run nothing
 * else, over HTTP and WebSocket, while an API key may send any operation and a request without an
 * Origin (a server, curl) is not a browser of the dashboard.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRUSTED_DOCUMENTS_PATH } from '../src/supergraph-config.js';
import { contract } from './contract-operations.js';
import { gql, ok, startPlatform, type Platform, type Response } from './platform.js';

const DASHBOARD = 'http://dashboard.tessera.test';
const manifest = JSON.parse(readFileSync(TRUSTED_DOCUMENTS_PATH, 'utf8')) as Record<string, string>;

/** The id of the dashboard's operation named `name` (as the dashboard's bundle sends it). */
function idOf(name: string): string {
  const found = Object.entries(manifest).find(([, text]) => new RegExp(`\\b(query|mutation|subscription) ${name}\\b`).test(text));
  if (!found) throw new Error(`the dashboard has no operation ${name}`);
  return found[0];
}

let platform: Platform;

async function post(
  body: Record<string, unknown>,
  { token, origin, headers = {} }: { token?: string; origin?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const response = await fetch(platform.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(origin ? { origin } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as Omit<Response, 'status'>) };
}

const codeOf = (response: Response) => response.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  platform = await startPlatform({ env: { TRUSTED_DOCUMENTS_ONLY: 'true', DASHBOARD_ORIGINS: DASHBOARD } });
});
afterAll(() => platform?.stop());

async function signUpFromDashboard(): Promise<string> {
  const response = await post(
    {
      documentId: idOf('SignUp'),
      variables: {
        input: {
          companyName: 'Trusted Co',
          name: 'Tess',
          email: `tess-${randomUUID()}@example.com`,
          password: 'a long enough password',
          plan: 'BUSINESS',
        },
      },
    },
    { origin: DASHBOARD },
  );
  expect(response.status).toBe(200);
  return ok<any>(response).signUp.token as string;
}

const contactCount = async (token: string) =>
  ok<any>(await gql(platform.url, 'query { contacts(first: 1) { totalCount } }', {}, token)).contacts.totalCount;

describe('the dashboard sends its operations by id', () => {
  it('registered every operation of the dashboard, each selecting __typename for its cache', () => {
    expect(Object.keys(manifest).length).toBeGreaterThan(30);
    for (const [id, text] of Object.entries(manifest)) {
      expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(text).toContain('__typename');
    }
  });

  it('signs up, reads and writes by documentId from the dashboard origin', async () => {
    const token = await signUpFromDashboard();
    const me = await post({ documentId: idOf('Me') }, { token, origin: DASHBOARD });
    expect(ok<any>(me).me.tenant.name).toBe('Trusted Co');
    const created = await post(
      { documentId: idOf('CreateContact'), variables: { input: { name: 'Ada by id' } } },
      { token, origin: DASHBOARD },
    );
    expect(ok<any>(created).createContact.contact).toMatchObject({ __typename: 'Contact', name: 'Ada by id' });
    expect(await contactCount(token)).toBe(1);
  });

  it('a mutation by id keeps its Idempotency-Key: the retry is replayed, one contact is made', async () => {
    const token = await signUpFromDashboard();
    const request = { documentId: idOf('CreateContact'), variables: { input: { name: 'Once' } } };
    const headers = { 'idempotency-key': randomUUID() };
    const first = await post(request, { token, origin: DASHBOARD, headers });
    const again = await post(request, { token, origin: DASHBOARD, headers });
    expect(ok<any>(again).createContact.contact.id).toBe(ok<any>(first).createContact.contact.id);
    expect(await contactCount(token)).toBe(1);
  });

  it('refuses an unknown or malformed id, and an id sent with a query, as client errors', async () => {
    const token = await signUpFromDashboard();
    const unknown = await post({ documentId: `sha256:${'0'.repeat(64)}` }, { token, origin: DASHBOARD });
    expect(unknown.status).toBe(400);
    expect(codeOf(unknown)).toBe('PERSISTED_QUERY_NOT_FOUND');
    for (const body of [{ documentId: 'Me' }, { documentId: 42 }, { documentId: idOf('Me'), query: '{ me { id } }' }]) {
      const refused = await post(body, { token });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(codeOf(refused)).toBe('BAD_REQUEST');
    }
  });
});

describe('only trusted documents from the dashboard origin', () => {
  it('refuses any other operation from a browser of the dashboard, and runs none of it', async () => {
    const token = await signUpFromDashboard();
    const mutation = await post(
      { query: contract.CreateContact, variables: { input: { name: 'Smuggled' } } },
      { token, origin: DASHBOARD },
    );
    expect(mutation.status).toBe(400);
    expect(codeOf(mutation)).toBe('PERSISTED_QUERY_REQUIRED');
    expect(mutation.errors?.[0]?.message).toMatch(/API key/);
    const anonymous = await post({ query: '{ __typename }' }, { origin: DASHBOARD });
    expect(codeOf(anonymous)).toBe('PERSISTED_QUERY_REQUIRED');
    expect(await contactCount(token)).toBe(0);
  });

  it('runs any operation for a caller that is not a browser of the dashboard: no Origin, another origin, an API key', async () => {
    const token = await signUpFromDashboard();
    ok(await post({ query: contract.CreateContact, variables: { input: { name: 'From a server' } } }, { token }));
    ok(
      await post(
        { query: contract.CreateContact, variables: { input: { name: 'From elsewhere' } } },
        { token, origin: 'http://other.example' },
      ),
    );
    const { createApiKey } = ok<any>(
      await gql(platform.url, contract.CreateApiKey, { input: { name: 'Explorer', modules: ['CRM'], access: 'READ_WRITE' } }, token),
    );
    ok(
      await post(
        { query: contract.CreateContact, variables: { input: { name: 'With a key' } } },
        { token: createApiKey.secret as string, origin: DASHBOARD },
      ),
    );
    expect(await contactCount(token)).toBe(3);
  });

  it('holds over WebSocket: a subscription by id is accepted, a subscription as text refused', async () => {
    const token = await signUpFromDashboard();
    class DashboardSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { origin: DASHBOARD } });
      }
    }
    const client = createClient({
      url: platform.url.replace(/^http/, 'ws'),
      webSocketImpl: DashboardSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    try {
      const outcome = (payload: Record<string, unknown>, waitMs: number) =>
        new Promise<{ errors?: unknown; data?: unknown } | 'open'>((resolve) => {
          const timer = setTimeout(() => resolve('open'), waitMs);
          client.subscribe(payload as never, {
            next: (value) => {
              clearTimeout(timer);
              resolve(value as never);
            },
            error: (error) => {
              clearTimeout(timer);
              resolve({ errors: error });
            },
            complete: () => undefined,
          });
        });
      const asText = await outcome({ query: 'subscription { activityRecorded { id } }' }, 5_000);
      expect(JSON.stringify(asText)).toContain('PERSISTED_QUERY_REQUIRED');
      const live = outcome({ query: '', documentId: idOf('ActivityLive') }, 15_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      ok(await post({ documentId: idOf('CreateContact'), variables: { input: { name: 'Live Ada' } } }, { token, origin: DASHBOARD }));
      const pushed = await live;
      expect(pushed).not.toBe('open');
      expect(JSON.stringify(pushed)).toContain('activityRecorded');
      expect(JSON.stringify(pushed)).toContain('Live Ada');
    } finally {
      await client.dispose();
    }
  });
});
