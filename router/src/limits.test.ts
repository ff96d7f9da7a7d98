import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { DEFAULT_OPERATION_LIMITS, MAX_TOKENS, operationLimits, type OperationLimits } from './limits.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
/** The real API schema (what the router serves). */
const schema = buildSchema(readFileSync(resolve(ROOT, 'schema/api.graphql'), 'utf8'));

/** Validates as the router does (graphql's rules, then the limits), parsing with the router's token limit. */
function check(query: string, limits?: Partial<OperationLimits>): readonly GraphQLError[] {
  return validate(schema, parse(query, { maxTokens: MAX_TOKENS }), [...specifiedRules, operationLimits(limits)]);
}
const messages = (query: string, limits?: Partial<OperationLimits>) => check(query, limits).map((error) => error.message);

const ALL_INTROSPECTION_OPTIONS = {
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
};

/** `{ employee { manager { ... id } } }`: a data selection `depth` fields deep. */
function employeeChain(depth: number): string {
  return `employee(id: "1") { ${'manager { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} }`;
}

/**
 * A fragment bomb: each of `levels` fragments selects `__typename` and spreads the next one twice, so
 * the document is small and shallow but executes 2^levels fields. Needs no credentials to validate.
 */
function fragmentBomb(levels: number): string {
  const name = (level: number) => `Level${String(level).padStart(2, '0')}`;
  const fragments = Array.from(
    { length: levels },
    (_, i) => `fragment ${name(i + 1)} on Query { __typename ...${name(i + 2)} ...${name(i + 2)} }`,
  );
  return [`query Bomb { ...${name(1)} }`, ...fragments, `fragment ${name(levels + 1)} on Query { __typename }`].join('\n');
}

/** Validates a bomb, returning its errors and the best time of a few runs (the first one warms up). */
function timeBomb(levels: number): { errors: readonly GraphQLError[]; ms: number; bytes: number } {
  const query = fragmentBomb(levels);
  const document = parse(query, { maxTokens: MAX_TOKENS });
  const rules = [...specifiedRules, operationLimits()];
  let ms = Infinity;
  let errors: readonly GraphQLError[] = [];
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    errors = validate(schema, document, rules);
    ms = Math.min(ms, performance.now() - started);
  }
  return { errors, ms, bytes: Buffer.byteLength(query) };
}

describe('operationLimits', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_OPERATION_LIMITS).toEqual({
      maxDepth: 12,
      maxIntrospectionDepth: 15,
      maxAliases: 30,
      maxDirectives: 50,
      maxSelections: 5000,
    });
    expect(MAX_TOKENS).toBe(1000);
  });

  describe('introspection', () => {
    it("accepts graphql-js's getIntrospectionQuery(), with and without its options, which needs exactly depth 15", () => {
      for (const query of [getIntrospectionQuery(), getIntrospectionQuery(ALL_INTROSPECTION_OPTIONS)]) {
        expect(check(query)).toEqual([]);
        expect(messages(query, { maxIntrospectionDepth: 14 })).toEqual(['Introspection depth 15 exceeds the limit of 14']);
      }
    });

    it('refuses an ofType chain of introspection depth 17', () => {
      const query = `{ __schema { types { fields { type { ${'ofType { '.repeat(12)}name${' }'.repeat(12)} } } } } }`;
      expect(messages(query)).toEqual(['Introspection depth 17 exceeds the limit of 15']);
    });

    it('bounds introspection reached through fragments and __type', () => {
      const typeRef = (depth: number) => `${'ofType { '.repeat(depth)}name${' }'.repeat(depth)}`;
      // __type 1, fields 2, type 3, ofType x11 -> 14, name 15
      expect(
        check(
          `{ ...Intro } fragment Intro on Query { __type(name: "Contact") { ...Fields } } fragment Fields on __Type { fields { type { ${typeRef(11)} } } }`,
        ),
      ).toEqual([]);
      expect(
        messages(
          `{ ...Intro } fragment Intro on Query { __type(name: "Contact") { ...Fields } } fragment Fields on __Type { fields { type { ${typeRef(12)} } } }`,
        ),
      ).toEqual(['Introspection depth 16 exceeds the limit of 15']);
    });

    it('is not fooled by introspection next to a deep data selection', () => {
      expect(messages(`{ __schema { queryType { name } } ${employeeChain(13)} }`)).toEqual(['Operation depth 13 exceeds the limit of 12']);
      expect(check(`{ __schema { queryType { name } } ${employeeChain(12)} }`)).toEqual([]);
      // Introspection depth does not count as data depth, and the other way round.
      expect(
        check(`{ __schema { types { fields { type { ${'ofType { '.repeat(10)}name${' }'.repeat(10)} } } } } ${employeeChain(12)} }`),
      ).toEqual([]);
    });

    it('summarises a fragment used both inside and outside introspection once per mode', () => {
      const query = `{ ...Both __schema { queryType { ... on __Type { name } } } }
        fragment Both on Query { __typename ${employeeChain(12)} }`;
      expect(check(query)).toEqual([]);
      expect(messages(query, { maxDepth: 11 })).toEqual(['Operation depth 12 exceeds the limit of 11']);
    });
  });

  describe('depth', () => {
    it('accepts data depth 12 and refuses 13', () => {
      expect(check(`{ ${employeeChain(12)} }`)).toEqual([]);
      expect(messages(`{ ${employeeChain(13)} }`)).toEqual(['Operation depth 13 exceeds the limit of 12']);
    });

    it('counts depth through fragments and inline fragments', () => {
      const chain = (n: number) => `${'manager { '.repeat(n)}id${' }'.repeat(n)}`;
      // employee 1, manager 2, (A) manager 3, (B) manager x8 -> 11, id 12
      const twelve = `{ employee(id: "1") { ...A } } fragment A on Employee { manager { ... on Employee { manager { ...B } } } } fragment B on Employee { ${chain(8)} }`;
      const thirteen = `{ employee(id: "1") { ...A } } fragment A on Employee { manager { ... on Employee { manager { ...B } } } } fragment B on Employee { ${chain(9)} }`;
      expect(check(twelve)).toEqual([]);
      const errors = check(thirteen);
      expect(errors.map((error) => error.message)).toEqual(['Operation depth 13 exceeds the limit of 12']);
      expect(errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
      expect(errors[0]?.nodes?.[0]?.kind).toBe('OperationDefinition');
    });

    it('applies to each operation of a document on its own', () => {
      const query = `query Deep { ${employeeChain(13)} } query Shallow { me { id } }`;
      expect(messages(query)).toEqual(['Operation depth 13 exceeds the limit of 12']);
      expect(check(query, { maxDepth: 13 })).toEqual([]);
    });
  });

  describe('aliases', () => {
    const aliases = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `a${from + i}: __typename`).join(' ');

    it('accepts 30 aliases and refuses 31', () => {
      expect(check(`{ ${aliases(30)} }`)).toEqual([]);
      expect(messages(`{ ${aliases(31)} }`)).toEqual([
        'Operation uses 31 aliases (fragments counted at each spread), over the limit of 30',
      ]);
    });

    it('counts a fragment at each place it is spread, and each operation on its own', () => {
      const tenTimes = `fragment Ten on Query { ${aliases(10)} }`;
      expect(check(`{ ...Ten ... on Query { ...Ten } me { id } ...Ten } ${tenTimes}`)).toEqual([]);
      expect(messages(`{ ...Ten ... on Query { ...Ten } b: me { id } ...Ten } ${tenTimes}`)).toEqual([
        'Operation uses 31 aliases (fragments counted at each spread), over the limit of 30',
      ]);
      // 40 aliases in the document, 20 in each operation.
      expect(check(`query One { ${aliases(20)} } query Two { ${aliases(20, 20)} }`)).toEqual([]);
    });
  });

  describe('directives', () => {
    const included = (n: number) => Array.from({ length: n }, () => '__typename @include(if: true)').join(' ');

    it('accepts 50 directives and refuses 51, counting fragments at each spread', () => {
      expect(check(`{ ${included(50)} }`)).toEqual([]);
      expect(messages(`{ ${included(51)} }`)).toEqual([
        'Operation uses 51 directives (fragments counted at each spread), over the limit of 50',
      ]);
      const fragment = `fragment Half on Query { ${included(25)} }`;
      expect(check(`{ ...Half ...Half } ${fragment}`)).toEqual([]);
      expect(messages(`{ ...Half ...Half @skip(if: false) } ${fragment}`)).toEqual([
        'Operation uses 51 directives (fragments counted at each spread), over the limit of 50',
      ]);
    });
  });

  describe('selections', () => {
    // 10 fields, x10 = 100, x10 = 1000 (fragments make a large operation out of a short document).
    const fragments = `fragment Ten on Query { ${'__typename '.repeat(10)}}
      fragment Hundred on Query { ${'...Ten '.repeat(10)}}
      fragment Thousand on Query { ${'...Hundred '.repeat(10)}}`;

    it('accepts 5000 fields and refuses 5001, counting fragments at each spread', () => {
      expect(check(`{ ${'...Thousand '.repeat(5)}} ${fragments}`)).toEqual([]);
      expect(messages(`{ __typename ${'...Thousand '.repeat(5)}} ${fragments}`)).toEqual([
        'Operation selects 5001 fields (fragments counted at each spread), over the limit of 5000',
      ]);
    });

    it('counts introspection fields too', () => {
      expect(messages('{ __schema { queryType { name } } }', { maxSelections: 2 })).toEqual([
        'Operation selects 3 fields (fragments counted at each spread), over the limit of 2',
      ]);
    });
  });

  describe('fragment bombs and cycles', () => {
    it('does not hang on a fragment cycle, which graphql reports', () => {
      const errors = messages(`{ employee(id: "1") { ...A } }
        fragment A on Employee { manager { ...B } }
        fragment B on Employee { manager { ...A } }`);
      expect(errors).toEqual(['Cannot spread fragment "A" within itself via "B".']);
      expect(messages('{ ...Self } fragment Self on Query { __typename ...Self }')).toEqual([
        'Cannot spread fragment "Self" within itself.',
      ]);
    });

    it("refuses the issue's request: an anonymous 20-level fragment bomb (2^21 fields in ~1.3 KB), promptly", () => {
      const { errors, ms, bytes } = timeBomb(20);
      process.stdout.write(`20-level fragment bomb (${bytes} B): validated in ${ms.toFixed(2)} ms\n`);
      expect(errors.map((error) => error.message)).toEqual([
        'Operation selects 2097151 fields (fragments counted at each spread), over the limit of 5000',
      ]);
      expect(ms).toBeLessThan(250);
    });

    it('refuses a 30-level fragment bomb (2^31 fields in ~2 KB, within MAX_TOKENS) promptly', () => {
      const { errors, ms, bytes } = timeBomb(30);
      process.stdout.write(`30-level fragment bomb (${bytes} B): validated in ${ms.toFixed(2)} ms\n`);
      expect(errors.map((error) => error.message)).toEqual([
        'Operation selects 2147483647 fields (fragments counted at each spread), over the limit of 5000',
      ]);
      expect(ms).toBeLessThan(250);
    });

    it('refuses deep and introspection bombs on every limit they exceed', () => {
      const fragments = Array.from({ length: 30 }, (_, i) => `fragment M${i} on Employee { id manager { ...M${i + 1} ...M${i + 1} } }`);
      const deep = `{ employee(id: "1") { ...M0 } } ${fragments.join(' ')} fragment M30 on Employee { id }`;
      expect(messages(deep)).toEqual([
        'Operation depth 32 exceeds the limit of 12',
        'Operation selects 3221225471 fields (fragments counted at each spread), over the limit of 5000',
      ]);
      const types = Array.from({ length: 30 }, (_, i) => `fragment T${i} on __Type { name ...T${i + 1} ...T${i + 1} }`);
      const introspection = `{ __schema { types { ...T0 } } } ${types.join(' ')} fragment T30 on __Type { name }`;
      expect(messages(introspection)).toEqual([
        'Operation selects 2147483649 fields (fragments counted at each spread), over the limit of 5000',
      ]);
    });

    it('never throws, even on a fragment chain too long to follow', () => {
      const chain = Array.from({ length: 3000 }, (_, i) => `fragment C${i} on Query { ...C${i + 1} }`).join(' ');
      const document = parse(`{ ...C0 } ${chain} fragment C3000 on Query { __typename }`);
      const errors = validate(schema, document, [operationLimits()]);
      expect(errors.map((error) => error.message)).toEqual(['Operation nests selections and fragments more than 1000 levels deep']);
    });
  });

  it('keeps every operation of the dashboard and of the contract within the limits and MAX_TOKENS', () => {
    const files = ['schema/contract', 'dashboard/src/graphql'].flatMap((dir) =>
      readdirSync(resolve(ROOT, dir))
        .filter((file) => file.endsWith('.graphql'))
        .map((file) => resolve(ROOT, dir, file)),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      // The rule alone: some contract operations are for fields the API schema does not have yet.
      expect(validate(schema, parse(readFileSync(file, 'utf8'), { maxTokens: MAX_TOKENS }), [operationLimits()]), file).toEqual([]);
    }
  });
});
