/**
 * Bad input is never an outage (issue 12 item 3), as a property: for every argument of every query
 * and mutation of the public API, fast-check generates hostile values that GraphQL's types still
 * accept (NUL and control characters, 300 KB strings, mixed scripts and RTL marks, boundary and
 * impossible dates, lenient and far instants, huge, negative and non-decimal amounts, malformed ids
 * and currencies), sends them through the router as a signed-in owner, and asserts:
 *   - HTTP 200 or 400 (413 for a body over the 1 MB cap), never INTERNAL_SERVER_ERROR or SERVICE_UNAVAILABLE;
 *   - a refused field has no data; a mutation answers its object or a userError, never neither.
 *
 * `npm test` runs it with a fixed seed and HOSTILE_RUNS (default 3) cases per field; a longer run:
 * `HOSTILE_RUNS=100 HOSTILE_SEED=$RANDOM npx vitest run --project e2e router/test/hostile-input.e2e.test.ts`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './contract-operations.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 3);
const SEED = Number(process.env.HOSTILE_SEED ?? 20261203);
const OUTAGES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);
/**
 * Root fields left out: logout would end the session the rest of the run uses, and upgradePlan to
 * FREE would take the other modules away from it (their fields then answer MODULE_NOT_ENABLED, 403).
 */
const SKIPPED = new Set(['logout', 'upgradePlan']);

const schema = buildSchema(readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8'));

/** Stands for a ~300 KB string in generated values (replaced when sent), so a counterexample stays readable. */
const BIG = '<<300 KB>>';
const BIG_VALUE = 'x'.repeat(300_000);
/** The router's body cap: a larger request is 413, the one other client answer. */
const MAX_BODY = 1024 * 1024;
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.fullUnicodeString({ maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\u202Eevil\u202C',
      '\u200F\u05E9\u05DC\u05D5\u05DD abc',
      'Ωmega ☃ 𝕏 中文 العربية',
      '\u0007\u001b[31mred',
      '\uD800',
      "'; DROP TABLE contacts; --",
      '%',
      '_',
      '\\',
      '<script>alert(1)</script>',
      '   padded   ',
      'e'.repeat(10_000),
    ),
  },
  { weight: 1, arbitrary: fc.constant(BIG) },
);
const hostileId = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    'not-a-uuid',
    '',
    '00000000-0000-0000-0000-000000000000',
    "1' OR '1'='1",
    '\u0000',
    '123',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
  ),
  fc.string({ maxLength: 40 }),
);
const hostileDate = fc.oneof(
  fc.constantFrom(
    '2026-02-30',
    '2026-02-29',
    '2024-02-29',
    '0000-01-01',
    '0001-01-01',
    '0099-06-15',
    '9999-12-31',
    '10000-01-01',
    '2026-13-01',
    '2026-1-1',
    '',
    '２０２６-01-01',
    '2026-01-01T00:00:00Z',
    '-0001-01-01',
  ),
  fc
    .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10)),
);
const hostileDateTime = fc.oneof(
  fc.constantFrom(
    '2026-01-01T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    '0001-01-01T00:00:00Z',
    '2026-01-01',
    '2026-01-01 10:00',
    '2026-02-30T10:00:00Z',
    '2026-01-01T25:00:00Z',
    '1e10',
    'now',
    '',
  ),
  fc
    .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString()),
);
const hostileDecimal = fc.oneof(
  fc.constantFrom(
    '1e5',
    'NaN',
    'Infinity',
    '-1',
    '0',
    '-0',
    '0.001',
    '12,50',
    '',
    '1'.repeat(40),
    '0x10',
    '  5  ',
    '1.2.3',
    '99999999999999999999.99',
    '-0.01',
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer().map(String),
);
const hostileInt = fc.oneof(
  fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
  fc.constantFrom(0, -1, 1, 100, 101, 2_147_483_647, -2_147_483_648),
);
const currencyLike = fc.constantFrom('EUR', 'usd', 'XXX', 'EURO', '', '€', 'E\u0000R', 'JPY', 'BHD');

function scalarArbitrary(name: string, argument: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'String':
      return /currency/i.test(argument) ? fc.oneof(currencyLike, hostileString) : hostileString;
    case 'ID':
      return hostileId;
    case 'Int':
      return hostileInt;
    case 'Float':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'Boolean':
      return fc.boolean();
    case 'Date':
      return hostileDate;
    case 'DateTime':
      return hostileDateTime;
    case 'Decimal':
      return hostileDecimal;
    default:
      return hostileString;
  }
}

/** Values of `type` GraphQL accepts as variables (required fields present, enums valid), hostile inside. */
function valueOf(type: GraphQLInputType, name: string, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueOf(type.ofType, name, depth);
  const nullable = (arbitrary: fc.Arbitrary<unknown>) => fc.option(arbitrary, { nil: null, freq: 6 });
  if (isListType(type)) return nullable(fc.array(valueOf(type.ofType, name, depth + 1), { maxLength: depth > 1 ? 1 : 3 }));
  if (isEnumType(type)) return nullable(fc.constantFrom(...type.getValues().map((value) => value.name)));
  if (isScalarType(type)) return nullable(scalarArbitrary(type.name, name));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const shape = Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type, field.name, depth + 1)]));
    const requiredKeys = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
    return fc.record(shape, { requiredKeys });
  }
  return fc.constant(null);
}

/** A shallow selection: scalars, each object's __typename, and userErrors' codes. */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return '';
  const parts = Object.values((type as GraphQLObjectType).getFields()).flatMap((child) => {
    if (child.args.some((arg) => isNonNullType(arg.type))) return [];
    const named = getNamedType(child.type);
    if (child.name === 'userErrors') return ['userErrors { code field }'];
    return isObjectType(named) ? [`${child.name} { __typename }`] : [child.name];
  });
  return `{ __typename ${parts.join(' ')} }`;
}

function operationOf(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `${kind}${variables ? `(${variables})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selectionOf(field)} }`;
}

let platform: Platform;
let token: string;
let cases = 0;
const codesSeen = new Map<string, number>();

beforeAll(async () => {
  platform = await startPlatform();
  const { signUp } = ok(
    await gql(platform.url, contract.SignUp, {
      input: {
        companyName: 'Hostile Co',
        name: 'H',
        email: `h-${randomUUID()}@example.com`,
        password: 'a long enough password',
        plan: 'BUSINESS',
      },
    }),
  );
  token = signUp.token!;
}, 120_000);
afterAll(async () => {
  process.stdout.write(
    `hostile input: ${cases} cases (seed ${SEED}, ${RUNS} per field); error codes seen: ${JSON.stringify(Object.fromEntries(codesSeen))}\n`,
  );
  await platform?.stop();
});

const roots = [
  ['query', schema.getQueryType()!],
  ['mutation', schema.getMutationType()!],
] as const;

for (const [kind, root] of roots) {
  describe(`every ${kind} field, with hostile arguments`, () => {
    for (const field of Object.values(root.getFields()).filter((candidate) => !SKIPPED.has(candidate.name))) {
      it(`${field.name}: 200 or 400, never an outage${kind === 'mutation' ? ', the object or a userError' : ''}`, async () => {
        const document = operationOf(kind, field);
        const variables = fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueOf(arg.type, arg.name)])), {
          requiredKeys: field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => arg.name),
        });
        await fc.assert(
          fc.asyncProperty(variables, async (values) => {
            cases += 1;
            const sent = JSON.parse(JSON.stringify(values).replaceAll(BIG, BIG_VALUE)) as Record<string, unknown>;
            const size = Buffer.byteLength(JSON.stringify({ query: document, variables: sent }));
            const response = await gql(platform.url, document, sent, token);
            const codes = (response.errors ?? []).map((error) => String(error.extensions?.code));
            for (const code of codes) codesSeen.set(code, (codesSeen.get(code) ?? 0) + 1);
            const seen = JSON.stringify({ status: response.status, errors: response.errors }).slice(0, 800);
            expect(size > MAX_BODY ? [413] : [200, 400], seen).toContain(response.status);
            expect(
              codes.filter((code) => OUTAGES.has(code)),
              seen,
            ).toEqual([]);
            const payload = response.data?.[field.name] as Record<string, unknown> | null | undefined;
            if (codes.length > 0) expect(payload ?? null, seen).toBeNull();
            if (kind === 'mutation' && payload && Array.isArray(payload.userErrors)) {
              const objects = Object.entries(payload).filter(
                ([key, value]) => key !== 'userErrors' && key !== '__typename' && value !== null,
              );
              expect(
                payload.userErrors.length > 0 || objects.length > 0,
                `${field.name} answered neither its object nor a userError: ${JSON.stringify(payload)}`,
              ).toBe(true);
            }
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      });
    }
  });
}
