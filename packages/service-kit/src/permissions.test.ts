import { buildSchema, graphql, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EVERY_PRINCIPAL, hideFields, MANAGERS, mayCall, PEOPLE_MANAGERS, permissionTableProblems, principalOf } from './permissions.js';

const sdl = `
  type Query { things: [String!]! secrets: [String!]! person: Person }
  type Mutation { makeThing: String tellSecret: String }
  type Person { name: String! salary: Int }
`;
const typeDefs = parse(sdl);

describe('permission tables', () => {
  it('must name every mutation, and only fields the schema has', () => {
    expect(
      permissionTableProblems('demo', typeDefs, { makeThing: EVERY_PRINCIPAL, tellSecret: MANAGERS, secrets: PEOPLE_MANAGERS }),
    ).toEqual([]);
    expect(permissionTableProblems('demo', typeDefs, { makeThing: EVERY_PRINCIPAL, madeUp: MANAGERS })).toEqual([
      "demo: mutation tellSecret has no entry in the module's permission table (src/permissions.ts)",
      'demo: the permission table names madeUp, which is not a Mutation or Query field of its schema',
    ]);
  });

  it('lets through only the listed principals; unlisted queries are for everyone', () => {
    const table = { tellSecret: MANAGERS, secrets: PEOPLE_MANAGERS };
    expect(mayCall(table, 'tellSecret', 'MEMBER')).toBe(false);
    expect(mayCall(table, 'tellSecret', 'API_KEY')).toBe(true);
    expect(mayCall(table, 'secrets', 'API_KEY')).toBe(false);
    expect(mayCall(table, 'things', 'MEMBER')).toBe(true);
  });

  it('takes an API key for a key, whatever role a context claims, and has no principal without a tenant', () => {
    const base = { requestId: 'r', currency: 'USD' };
    expect(principalOf({ ...base, tenantId: 't', userId: null, role: 'OWNER', apiKeyId: 'k' })).toBe('API_KEY');
    expect(principalOf({ ...base, tenantId: 't', userId: 'u', role: 'MEMBER' })).toBe('MEMBER');
    expect(principalOf({ ...base, tenantId: null, userId: null, role: null })).toBeNull();
  });
});

describe('hidden fields (Type.field entries)', () => {
  it('must be nullable fields of the schema', () => {
    const base = { makeThing: EVERY_PRINCIPAL, tellSecret: MANAGERS };
    expect(permissionTableProblems('demo', typeDefs, { ...base, 'Person.salary': MANAGERS })).toEqual([]);
    expect(permissionTableProblems('demo', typeDefs, { ...base, 'Person.name': MANAGERS, 'Person.age': MANAGERS })).toEqual([
      'demo: Person.name is non-null, so it cannot be hidden (null) for some callers',
      'demo: the permission table names Person.age, which its schema does not have',
    ]);
  });

  it('resolve to null for the principals not listed, and as before for the others', async () => {
    const schema = hideFields(buildSchema(sdl), { 'Person.salary': PEOPLE_MANAGERS });
    const rootValue = { person: { name: 'Ada', salary: 60_000 } };
    const as = (role: 'OWNER' | 'MEMBER', apiKeyId?: string) =>
      graphql({
        schema,
        source: '{ person { name salary } }',
        rootValue,
        contextValue: { caller: { tenantId: 't', userId: 'u', role, requestId: 'r', currency: 'USD', apiKeyId } },
      });
    expect((await as('OWNER')).data).toEqual({ person: { name: 'Ada', salary: 60_000 } });
    expect((await as('MEMBER')).data).toEqual({ person: { name: 'Ada', salary: null } });
    expect((await as('OWNER', 'key')).data).toEqual({ person: { name: 'Ada', salary: null } });
  });
});
