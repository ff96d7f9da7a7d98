/**
 * What one caller may hold open over WebSocket (issue 12, item 7): the HTTP body cap applies to
 * messages, connections are bounded per user and per tenant, subscriptions per connection, and
 * distinct selections of one subscription field per tenant (each is a federated execution per event).
 * Each bound is configurable; here they are set small to be reached.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './contract-operations.js';
import { subscribe } from './live.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({
    wsLimits: { connectionsPerUser: 2, connectionsPerTenant: 3, subscriptionsPerConnection: 2, distinctSelectionsPerField: 2 },
  });
});
afterAll(() => platform?.stop());

async function tenant(): Promise<string> {
  const { signUp } = ok(
    await gql(platform.url, contract.SignUp, {
      input: {
        companyName: 'Sockets Ltd',
        name: 'S',
        email: `s-${randomUUID()}@example.com`,
        password: 'a long enough password',
        plan: 'BUSINESS',
      },
    }),
  );
  return signUp.token as string;
}

/** Subscribes and resolves with the first error or close the server answers with (or 'open' after a while). */
function outcome(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ kind: string; detail: string; dispose(): void }> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (kind: string, detail: string) => {
      if (settled) return;
      settled = true;
      resolve({ kind, detail, dispose: () => void client.dispose() });
    };
    const client = createClient({
      url: platform.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      on: {
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          finish(`closed ${code}`, String(reason));
        },
      },
    });
    client.subscribe(
      { query, variables },
      {
        next: () => undefined,
        error: (error) => {
          const list = Array.isArray(error) ? error : [error];
          const first = list[0] as { message?: string; extensions?: { code?: string } };
          finish(`error ${first?.extensions?.code ?? ''}`, first?.message ?? '');
        },
        complete: () => undefined,
      },
    );
    setTimeout(() => {
      finish('open', '');
    }, 1_500);
  });
}

describe('WebSocket limits', () => {
  it('refuses a third connection of one user (4429), and takes one again once a connection closes', async () => {
    const token = await tenant();
    const first = subscribe(platform.url, token, contract.InvoiceChanged);
    const second = subscribe(platform.url, token, contract.InvoiceChanged);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const third = await outcome(token, contract.InvoiceChanged);
    expect(third.kind).toBe('closed 4429');
    expect(third.detail).toMatch(/Too many connections for this user \(limit 2\)/);
    // Closing one gives its slot back.
    await first.dispose();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await outcome(token, contract.InvoiceChanged);
    expect(again.kind).toBe('open');
    again.dispose();
    await second.dispose();
  });

  it('refuses a third subscription on one connection, and a third distinct selection of a field in a tenant', async () => {
    const token = await tenant();
    const client = createClient({
      url: platform.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const errors: string[] = [];
    const sub = (query: string) =>
      client.subscribe({ query }, { next: () => undefined, error: (e) => errors.push(JSON.stringify(e)), complete: () => undefined });
    sub('subscription { invoiceChanged { id } }');
    sub('subscription { invoiceChanged { id status } }');
    sub('subscription { invoiceChanged { id number } }');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Too many subscriptions on this connection \(limit 2\)/);
    // Another connection of the same tenant: a third distinct selection is refused, one in use is shared.
    const other = await outcome(token, 'subscription { invoiceChanged { id total { amount } } }');
    expect(other.kind).toBe('error RATE_LIMITED');
    expect(other.detail).toMatch(/Too many different selections of invoiceChanged/);
    other.dispose();
    const shared = await outcome(token, 'subscription { invoiceChanged { id } }');
    expect(shared.kind).toBe('open');
    shared.dispose();
    await client.dispose();
  });

  it('closes a socket that sends a message over the HTTP body cap (1009)', async () => {
    const token = await tenant();
    const huge = `subscription { invoiceChanged { id } } # ${'x'.repeat(1_100_000)}`;
    const result = await outcome(token, huge);
    expect(result.kind).toBe('closed 1009');
  });
});
