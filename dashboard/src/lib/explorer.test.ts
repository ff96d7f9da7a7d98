import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExecutionResult } from 'graphql-ws';
import { createExplorerTransport, saysUnauthenticated, userStorage } from './explorer';

const config = { graphqlUrl: 'http://api.test/graphql', graphqlWsUrl: 'ws://api.test/graphql' };

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/** Runs one query through GraphiQL's fetcher as GraphiQL does, and returns what it yields. */
async function run(fetcher: ReturnType<typeof createExplorerTransport>['fetcher'], query: string): Promise<ExecutionResult[]> {
  const result = await fetcher({ query, operationName: null });
  if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
    const results: ExecutionResult[] = [];
    for await (const value of result as AsyncIterable<ExecutionResult>) results.push(value);
    return results;
  }
  return [result as ExecutionResult];
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the API explorer’s transport', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((dispose) => dispose()));

  function transport(fetchImpl: typeof fetch, onSessionEnded = vi.fn()) {
    const created = createExplorerTransport(config, 'the-token', onSessionEnded, fetchImpl);
    disposers.push(created.dispose);
    return { ...created, onSessionEnded };
  }

  it('sends the query to the API with the session’s bearer token, and keeps the session on an answer', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => jsonResponse({ data: { me: { id: 'u1' } } }));
    const { fetcher, onSessionEnded } = transport(fetchImpl);
    expect(await run(fetcher, '{ me { id } }')).toEqual([{ data: { me: { id: 'u1' } } }]);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe(config.graphqlUrl);
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>).authorization).toBe('Bearer the-token');
    expect(JSON.parse(String(init?.body))).toMatchObject({ query: '{ me { id } }' });
    await settle();
    expect(onSessionEnded).not.toHaveBeenCalled();
  });

  it('ends the session when the API answers UNAUTHENTICATED, and still shows the answer', async () => {
    const answer = { errors: [{ message: 'The access token has expired', extensions: { code: 'UNAUTHENTICATED' } }] };
    const { fetcher, onSessionEnded } = transport(async () => jsonResponse(answer, 401));
    expect(await run(fetcher, '{ me { id } }')).toEqual([answer]);
    await vi.waitFor(() => expect(onSessionEnded).toHaveBeenCalledTimes(1));
  });

  it('keeps the session on other errors', async () => {
    const { fetcher, onSessionEnded } = transport(async () =>
      jsonResponse(
        { errors: [{ message: 'Cannot query field "nope" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
        400,
      ),
    );
    await run(fetcher, '{ nope }');
    await settle();
    expect(onSessionEnded).not.toHaveBeenCalled();
  });
});

describe('saysUnauthenticated', () => {
  it('finds an UNAUTHENTICATED error among others, and nothing else', () => {
    expect(saysUnauthenticated({ errors: [{ message: 'x' }, { message: 'y', extensions: { code: 'UNAUTHENTICATED' } }] })).toBe(true);
    expect(saysUnauthenticated({ errors: [{ message: 'x', extensions: { code: 'FORBIDDEN' } }] })).toBe(false);
    expect(saysUnauthenticated({ data: { me: null } })).toBe(false);
    expect(saysUnauthenticated({ errors: [null] })).toBe(false);
    expect(saysUnauthenticated('UNAUTHENTICATED')).toBe(false);
    expect(saysUnauthenticated(null)).toBe(false);
  });
});

describe('userStorage', () => {
  it('keeps each user’s GraphiQL state apart in localStorage', () => {
    const ada = userStorage('u1');
    const bob = userStorage('u2');
    ada.setItem('graphiql:query', '{ me { id } }');
    expect(ada.getItem('graphiql:query')).toBe('{ me { id } }');
    expect(bob.getItem('graphiql:query')).toBeNull();
    expect(window.localStorage.getItem('tessera.graphiql.u1:graphiql:query')).toBe('{ me { id } }');
    bob.setItem('graphiql:query', '{ invoices { totalCount } }');
    expect(ada.length).toBe(1);
    ada.clear();
    expect(ada.getItem('graphiql:query')).toBeNull();
    expect(bob.getItem('graphiql:query')).toBe('{ invoices { totalCount } }');
  });
});
