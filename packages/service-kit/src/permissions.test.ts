import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EVERY_PRINCIPAL, MANAGERS, mayCall, PEOPLE_MANAGERS, permissionTableProblems, principalOf } from './permissions.js';

const typeDefs = parse(`
  type Query { things: [String!]! secrets: [String!]! }
  type Mutation { makeThing: String tellSecret: String }
`);

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
