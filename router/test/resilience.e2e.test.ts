import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './contract-operations.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';

// In both topologies: a module in the router's process that stops, and a module on its own port that stops.
describe.each(['compact', 'http'] as const)('partial failure (contract behaviour 6), %s topology', (topology) => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform({ topology });
  });
  afterAll(() => platform.stop());

  it("answers with the other modules' data and an error naming the failed service", async () => {
    const email = `owner-${randomUUID()}@example.com`;
    const { token } = ok(
      await gql(platform.url, contract.SignUp, {
        input: { companyName: 'Resilient', name: 'R', email, password: 'a long enough password', plan: 'FREE' },
      }),
    ).signUp;
    ok(await gql(platform.url, contract.CreateContact, { input: { name: 'Still Here' } }, token!));
    await platform.stopSubgraph('invoicing');
    const response = await gql(
      platform.url,
      '{ contacts(first: 5) { edges { node { name outstandingBalance { amount } } } } }',
      {},
      token!,
    );
    expect(response.data?.contacts.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(['Still Here']);
    expect(response.errors?.[0]?.extensions).toMatchObject({ serviceName: 'invoicing' });
    expect(JSON.stringify(response.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
  });
});

describe('token expiry', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform({ tokenTtlSeconds: 1 });
  });
  afterAll(() => platform.stop());

  it('refuses an expired token with UNAUTHENTICATED', async () => {
    const email = `owner-${randomUUID()}@example.com`;
    const { token } = ok(
      await gql(platform.url, contract.SignUp, { input: { companyName: 'Brief', name: 'B', email, password: 'a long enough password' } }),
    ).signUp;
    expect(ok(await gql(platform.url, contract.Me, {}, token)).me.email).toBe(email);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const expired = await gql(platform.url, contract.Me, {}, token);
    expect(expired.status).toBe(401);
    expect(expired.errors?.[0]).toMatchObject({ message: 'The access token has expired', extensions: { code: 'UNAUTHENTICATED' } });
  });
});
