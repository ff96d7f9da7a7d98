/**
 * Behaviour 7 for every mutation of every module: each module is started from its definition, and
 * each of its Mutation fields is called as an owner, an admin, a member and an API key. The module's
 * permission table (src/permissions.ts) must refuse exactly the principals it does not list, with
 * FORBIDDEN and before any resolver runs: the calls send no variables, so a call the table lets
 * through fails on its missing input instead, and nothing is written (a mutation without arguments,
 * logout, runs for a user of a fresh tenant that does not exist). The rules of behaviour 7
 * are also checked against the tables themselves, so a table that drifts from the contract fails.
 */
import { randomUUID } from 'node:crypto';
import { Kind, parse, print, type FieldDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModules, repositoryRoot } from '@tessera/modules';
import { loadModule } from '@tessera/host';
import { mayCall, type ModuleDefinition, type Principal } from '@tessera/service-kit';
import { callSubgraph, newCaller, startTestModule, type TestModule } from '../../packages/testkit/src/index.js';

const PRINCIPALS: Principal[] = ['OWNER', 'ADMIN', 'MEMBER', 'API_KEY'];

/** What behaviour 7 says a member may not do, per module ('*' for every mutation). */
const MEMBER_MAY_NOT: Record<string, readonly string[] | '*'> = {
  identity: ['inviteUser', 'revokeInvitation', 'changeUserRole', 'deactivateUser', 'createApiKey', 'revokeApiKey', 'updateBranding'],
  payroll: '*',
};
/** What an API key may never do (behaviour 7's first line: keys never mint keys, invite users or change roles). */
const KEY_MAY_NOT: Record<string, readonly string[]> = {
  identity: ['inviteUser', 'revokeInvitation', 'changeUserRole', 'deactivateUser', 'createApiKey', 'revokeApiKey', 'updateBranding'],
};

const entries = readModules(repositoryRoot());
const definitions = new Map<string, ModuleDefinition>();
const running = new Map<string, TestModule<unknown>>();

beforeAll(async () => {
  for (const entry of entries) {
    const definition = await loadModule(entry, 'dist');
    definitions.set(entry.manifest.name, definition);
    running.set(entry.manifest.name, await startTestModule(definition));
  }
}, 120_000);
afterAll(async () => {
  await Promise.all([...running.values()].map((module) => module.stop()));
});

function mutationsOf(definition: ModuleDefinition): FieldDefinitionNode[] {
  return definition.typeDefs.definitions.flatMap((node) =>
    (node.kind === Kind.OBJECT_TYPE_DEFINITION || node.kind === Kind.OBJECT_TYPE_EXTENSION) && node.name.value === 'Mutation'
      ? [...(node.fields ?? [])]
      : [],
  );
}

/** `mutation($input: X!) { field(input: $input) { __typename } }`, with every argument as a variable. */
function operationFor(field: FieldDefinitionNode): string {
  const args = field.arguments ?? [];
  const variables = args.map((arg) => `$${arg.name.value}: ${print(arg.type)}`).join(', ');
  const passed = args.map((arg) => `${arg.name.value}: $${arg.name.value}`).join(', ');
  const document = `mutation${variables ? `(${variables})` : ''} { ${field.name.value}${passed ? `(${passed})` : ''} { __typename } }`;
  parse(document);
  return document;
}

function callerAs(principal: Principal) {
  return principal === 'API_KEY'
    ? newCaller({ userId: null, role: null, apiKeyId: randomUUID() })
    : newCaller({ role: principal, userId: randomUUID() });
}

describe('the permission tables follow behaviour 7', () => {
  it('members may not manage people, keys or branding, nor run payroll; keys never manage people or keys', () => {
    for (const [module, refused] of Object.entries(MEMBER_MAY_NOT)) {
      const definition = definitions.get(module)!;
      const fields = refused === '*' ? mutationsOf(definition).map((field) => field.name.value) : refused;
      expect(fields.length, module).toBeGreaterThan(0);
      for (const field of fields) expect(mayCall(definition.permissions, field, 'MEMBER'), `${module}.${field} for MEMBER`).toBe(false);
    }
    for (const [module, refused] of Object.entries(KEY_MAY_NOT)) {
      for (const field of refused)
        expect(mayCall(definitions.get(module)!.permissions, field, 'API_KEY'), `${module}.${field}`).toBe(false);
    }
  });

  it('owners may call every mutation of every module', () => {
    for (const [module, definition] of definitions) {
      for (const field of mutationsOf(definition))
        expect(mayCall(definition.permissions, field.name.value, 'OWNER'), `${module}.${field.name.value}`).toBe(true);
    }
  });
});

describe('every mutation of every module, as each principal', () => {
  for (const entry of entries) {
    it(`${entry.manifest.name}: FORBIDDEN exactly where its table says, before anything runs`, async () => {
      const definition = definitions.get(entry.manifest.name)!;
      const url = running.get(entry.manifest.name)!.url;
      const mutations = mutationsOf(definition);
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const field of mutations) {
        for (const principal of PRINCIPALS) {
          const response = await callSubgraph(url, callerAs(principal), operationFor(field));
          const codes = (response.errors ?? []).map((error) => error.extensions?.code);
          // Nothing ran: either the table refused, or the missing variables did (a mutation without
          // arguments, such as logout, runs when let through: for callers of fresh tenants, on nobody).
          const required = (field.arguments ?? []).some((arg) => arg.type.kind === Kind.NON_NULL_TYPE);
          if (required || codes.includes('FORBIDDEN'))
            expect(response.data?.[field.name.value] ?? null, `${field.name.value} as ${principal}`).toBeNull();
          outcomes.push(`${field.name.value} ${principal} ${codes.includes('FORBIDDEN') ? 'FORBIDDEN' : 'let through'}`);
          expected.push(
            `${field.name.value} ${principal} ${mayCall(definition.permissions, field.name.value, principal) ? 'let through' : 'FORBIDDEN'}`,
          );
        }
      }
      expect(outcomes).toEqual(expected);
      process.stdout.write(
        `${entry.manifest.name}: ${mutations.length} mutations x ${PRINCIPALS.length} principals, ${outcomes.filter((outcome) => outcome.endsWith('FORBIDDEN')).length} refused\n`,
      );
    });
  }
});
