import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { contract } from './contract-operations.js';
import { gql, ok, startPlatform, type Platform, type Response } from './platform.js';

let platform: Platform;
let token: string;

beforeAll(async () => {
  platform = await startPlatform();
  const data = ok(
    await gql(platform.url, contract.SignUp, {
      input: {
        companyName: 'Limits Ltd',
        name: 'Lena Limits',
        email: `owner-${randomUUID()}@example.com`,
        password: 'a long enough password',
        plan: 'BUSINESS',
      },
    }),
  );
  token = data.signUp.token as string;
});
afterAll(() => platform.stop());

/**
 * A fragment bomb: each of `levels` fragments selects `__typename` and spreads the next one twice, so
 * a ~2 KB document of 30 levels executes 2^31 fields. Sent without credentials: validation comes first.
 */
function fragmentBomb(levels: number): string {
  const name = (level: number) => `Level${String(level).padStart(2, '0')}`;
  const fragments = Array.from(
    { length: levels },
    (_, i) => `fragment ${name(i + 1)} on Query { __typename ...${name(i + 2)} ...${name(i + 2)} }`,
  );
  return [`query Bomb { ...${name(1)} }`, ...fragments, `fragment ${name(levels + 1)} on Query { __typename }`].join('\n');
}

/** Runs `send` and returns what it answered with how long it took (ms). */
async function timed<T>(send: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await send();
  return { result, ms: performance.now() - started };
}

function refusedAsInvalid(response: Response): void {
  expect(response.status).toBe(400);
  expect(response.data ?? null).toBeNull();
  expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(response.errors?.[0]?.extensions?.code);
}

describe('operation limits through the router', () => {
  it('refuses an anonymous 30-level fragment bomb in under 50 ms while other requests are served', async () => {
    const bomb = fragmentBomb(30);
    const attempts: { bomb: number; health: number; query: number }[] = [];
    // Round 0 warms the router up (first plan of the query, first validations), untimed.
    for (let attempt = 0; attempt <= 5; attempt += 1) {
      const [refusal, health, query] = await Promise.all([
        timed(() => gql(platform.url, bomb)),
        timed(() => fetch(new URL('/health', platform.url))),
        timed(() => gql(platform.url, '{ me { id tenant { plan } } }', {}, token)),
      ]);
      refusedAsInvalid(refusal.result);
      expect(refusal.result.errors?.map((error) => error.message)).toContain(
        'Operation selects 2147483647 fields (fragments counted at each spread), over the limit of 5000',
      );
      expect(health.result.status).toBe(200);
      expect(ok(query.result).me.tenant.plan).toBe('BUSINESS');
      if (attempt > 0) attempts.push({ bomb: refusal.ms, health: health.ms, query: query.ms });
    }
    const figures = attempts.map((a) => `bomb ${a.bomb.toFixed(1)} ms, /health ${a.health.toFixed(1)} ms, me ${a.query.toFixed(1)} ms`);
    process.stdout.write(`30-level fragment bomb (${Buffer.byteLength(bomb)} B), 5 attempts: ${figures.join('; ')}\n`);
    expect(Math.min(...attempts.map((a) => a.bomb))).toBeLessThan(50);
  });

  // With `oneOf: true` too: introspection is answered by graphql-js from the caller's schema
  // (caller-schema.ts), not by the gateway, whose operation model (@apollo/federation-internals 2.14)
  // has no `__Type.isOneOf` and answered 500 (apollographql/federation#3204).
  it("serves graphql-js's standard introspection query (with every option) to an authenticated caller", async () => {
    for (const query of [
      getIntrospectionQuery(),
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
        oneOf: true,
      }),
    ]) {
      const response = await gql(platform.url, query, {}, token);
      expect(response.status).toBe(200);
      const { __schema: introspected } = ok(response);
      expect(introspected.queryType.name).toBe('Query');
      expect(introspected.types.map((type: { name: string }) => type.name)).toEqual(
        expect.arrayContaining(['Query', 'Contact', 'Invoice']),
      );
    }
  });

  it('refuses an introspection query deeper than the standard one', async () => {
    const query = `{ __schema { types { fields { type { ${'ofType { '.repeat(12)}name${' }'.repeat(12)} } } } } }`;
    const response = await gql(platform.url, query, {}, token);
    refusedAsInvalid(response);
    expect(response.errors?.map((error) => error.message)).toEqual(['Introspection depth 17 exceeds the limit of 15']);
  });

  it('refuses the bomb over graphql-ws with an error for that operation, and the socket goes on', async () => {
    let closed: { code: number; reason: string } | null = null;
    const client = createClient({
      url: platform.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      on: { closed: (event) => (closed = event as { code: number; reason: string }) },
    });
    try {
      const run = (query: string) =>
        new Promise<{ data?: any; errors?: readonly { message: string }[] }>((resolve) => {
          let result: { data?: any } = {};
          client.subscribe(
            { query },
            {
              next: (value) => (result = value),
              error: (error) => resolve({ errors: Array.isArray(error) ? error : [{ message: String(error) }] }),
              complete: () => resolve(result),
            },
          );
        });
      const refused = await run(fragmentBomb(30));
      expect(refused.errors?.map((error) => error.message)).toEqual([
        'Operation selects 2147483647 fields (fragments counted at each spread), over the limit of 5000',
      ]);
      const served = await run('{ me { tenant { plan } } }');
      expect(served.data?.me.tenant.plan).toBe('BUSINESS');
      expect(closed).toBeNull();
    } finally {
      await client.dispose();
    }
  });
});
