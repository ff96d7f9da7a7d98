/**
 * A schema per caller (behaviour 8's introspection rule, issue 13 item 3): introspection shows a
 * caller only the modules it may use, for tokens and API keys alike, and execution still answers
 * MODULE_NOT_ENABLED for another module's fields (behaviour 2), never a validation error.
 */
import { randomUUID } from 'node:crypto';
import { buildClientSchema, getIntrospectionQuery, validateSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './contract-operations.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';

let platform: Platform;
let free: string;
let business: string;

async function signUp(plan: 'FREE' | 'BUSINESS'): Promise<string> {
  const data = ok(
    await gql(platform.url, contract.SignUp, {
      input: { companyName: `${plan} Co`, name: 'Ivy', email: `ivy-${randomUUID()}@example.com`, password: 'a long enough password', plan },
    }),
  );
  return data.signUp.token as string;
}

beforeAll(async () => {
  platform = await startPlatform();
  [free, business] = await Promise.all([signUp('FREE'), signUp('BUSINESS')]);
});
afterAll(() => platform?.stop());

async function introspect(token: string | undefined) {
  const response = await gql<IntrospectionQuery>(platform.url, getIntrospectionQuery({ descriptions: true, oneOf: true }), {}, token);
  expect(response.status).toBe(200);
  const schema = buildClientSchema(ok(response));
  expect(validateSchema(schema)).toEqual([]);
  const fieldsOf = (type: string) => Object.keys((schema.getType(type) as { getFields?: () => object } | undefined)?.getFields?.() ?? {});
  return { schema, types: new Set(Object.keys(schema.getTypeMap())), fieldsOf };
}

describe('introspection per caller', () => {
  it("a FREE tenant sees CRM, invoicing and booking, not HR's, payroll's or fleet's types and fields", async () => {
    const seen = await introspect(free);
    for (const type of ['Contact', 'Invoice', 'Appointment', 'User']) expect(seen.types.has(type), type).toBe(true);
    for (const type of ['PayRun', 'Vehicle', 'Project', 'RegisterSession', 'LeaveRequest']) expect(seen.types.has(type), type).toBe(false);
    // A deal's owner is an Employee reference CRM declares: its key stays, HR's fields do not.
    expect(seen.fieldsOf('Employee')).toEqual(['id']);
    expect(seen.fieldsOf('Query')).toEqual(expect.arrayContaining(['contacts', 'invoices', 'me']));
    expect(seen.fieldsOf('Query')).not.toContain('employees');
    expect(seen.fieldsOf('Mutation')).not.toContain('createPayRun');
    // Fields other modules add to CRM's types go too.
    expect(seen.fieldsOf('Contact')).toContain('invoices');
    expect(seen.fieldsOf('Contact')).not.toContain('projects');
  });

  it('a BUSINESS tenant sees every module', async () => {
    const seen = await introspect(business);
    for (const type of ['Employee', 'PayRun', 'Vehicle', 'Project', 'Contact']) expect(seen.types.has(type), type).toBe(true);
    expect(seen.fieldsOf('Contact')).toEqual(expect.arrayContaining(['invoices', 'projects']));
  });

  it('a CRM-only key of a BUSINESS tenant sees CRM and identity only', async () => {
    const { createApiKey } = ok(
      await gql(platform.url, contract.CreateApiKey, { input: { name: 'CRM', modules: ['CRM'], access: 'READ' } }, business),
    );
    const seen = await introspect(createApiKey.secret!);
    expect(seen.types.has('Contact')).toBe(true);
    for (const type of ['Invoice', 'PayRun', 'Vehicle']) expect(seen.types.has(type), type).toBe(false);
    expect(seen.fieldsOf('Employee')).toEqual(['id']);
    expect(seen.fieldsOf('Contact')).not.toContain('invoices');
  });

  it('an anonymous caller sees what it may call before signing in (identity)', async () => {
    const seen = await introspect(undefined);
    expect(seen.fieldsOf('Mutation')).toEqual(expect.arrayContaining(['signUp', 'login', 'acceptInvitation']));
    expect(seen.types.has('Contact')).toBe(false);
  });

  it("executing another module's field still answers MODULE_NOT_ENABLED, not a validation error", async () => {
    const response = await gql(platform.url, '{ employees(first: 1) { totalCount } }', {}, free);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['MODULE_NOT_ENABLED']);
  });

  it('filters introspection reached through fragments too, and refuses introspection mixed with data', async () => {
    const spread = await gql(platform.url, '{ ...Root } fragment Root on Query { __type(name: "PayRun") { name } }', {}, free);
    expect(ok(spread)).toEqual({ __type: null });
    const own = await gql(platform.url, '{ ... on Query { __type(name: "Contact") { name } } }', {}, free);
    expect(ok(own)).toEqual({ __type: { name: 'Contact' } });
    const mixed = await gql(platform.url, '{ __schema { types { name } } me { id } }', {}, free);
    expect(mixed.status).toBe(400);
    expect(mixed.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_REQUEST']);
  });

  it('builds a schema once per module set: cached introspections cost less than the first', async () => {
    const query = getIntrospectionQuery();
    const timed = async (token: string) => {
      const started = performance.now();
      ok(await gql(platform.url, query, {}, token));
      return performance.now() - started;
    };
    // A module set no test used yet: the first call builds it.
    const { createApiKey } = ok(
      await gql(platform.url, contract.CreateApiKey, { input: { name: 'Fleet', modules: ['FLEET', 'HR'], access: 'READ' } }, business),
    );
    const first = await timed(createApiKey.secret!);
    const cached: number[] = [];
    for (let i = 0; i < 10; i += 1) cached.push(await timed(createApiKey.secret!));
    cached.sort((a, b) => a - b);
    const median = cached[5]!;
    process.stdout.write(`introspection through the router: uncached ${first.toFixed(1)} ms, cached median ${median.toFixed(1)} ms\n`);
    expect(platform.router.callerSchemas.stats.builds).toBeGreaterThan(0);
    expect(platform.router.callerSchemas.stats.hits).toBeGreaterThanOrEqual(10);
  });
});
