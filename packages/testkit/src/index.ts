import { randomUUID } from 'node:crypto';
import { INTERNAL_CONTEXT_HEADER, signCallerContext, type CallerContext, type Role } from '@tessera/service-kit';

/** The internal-context secret tests sign with (the same default every service uses in development). */
export const TEST_INTERNAL_SECRET = process.env.INTERNAL_CONTEXT_SECRET ?? 'tessera-development-internal-context-secret-change-me';

/** A caller of a fresh tenant of its own, so tests never share data and can run in parallel. */
export function newCaller(overrides: Partial<CallerContext> = {}): CallerContext & { tenantId: string } {
  return {
    tenantId: randomUUID(),
    userId: randomUUID(),
    role: 'OWNER' as Role,
    requestId: randomUUID(),
    currency: 'USD',
    ...overrides,
  } as CallerContext & { tenantId: string };
}

/** An anonymous (tenant-less) caller, as the router signs it for sign-up and login. */
export function anonymousCaller(): CallerContext {
  return { tenantId: null, userId: null, role: null, requestId: randomUUID(), currency: 'USD' };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Sends one operation to a subgraph over HTTP with a signed caller context (or none: `caller: null`). */
export async function callSubgraph<T = Record<string, any>>(
  url: string,
  caller: CallerContext | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (caller) headers[INTERNAL_CONTEXT_HEADER] = signCallerContext(caller, TEST_INTERNAL_SECRET);
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** Resolves federation entity references the way the router does (`_entities`). */
export function resolveEntities<T = Record<string, any>>(
  url: string,
  caller: CallerContext,
  representations: Record<string, unknown>[],
  selection: string,
): Promise<GraphQLResponse<{ _entities: (T | null)[] }>> {
  return callSubgraph(url, caller, `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, { r: representations });
}

/** Throws with the response's errors when an operation did not succeed; returns its data. */
export function expectData<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.errors ?? response)}`);
  }
  return response.data;
}
export * from './sql-counter.js';
export * from './events.js';
export * from './network-guard.js';
export * from './module.js';
export * from './operations.js';
