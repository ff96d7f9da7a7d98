import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  Kind,
  parse,
  validate,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { hasShared, ROOT, SHARED } from './paths.js';

/**
 * The public API contract: every operation in schema/contract (a copy of the product owner's
 * shared/contract, kept identical) validates unchanged against the composed supergraph's API
 * schema, except those listed as pending with the issue that brings them. A pending operation that
 * starts to validate fails this test, so the list stays honest.
 */
const PENDING: Record<string, string> = {};

/** Contract input types and enums not in the schema yet, with the issue that brings them (same rule as PENDING). */
const PENDING_TYPES: Record<string, string> = {};

const CONTRACT_DIR = resolve(ROOT, 'schema/contract');
const contractFiles = readdirSync(CONTRACT_DIR).filter((file) => file.endsWith('.graphql'));
// Printed and rebuilt with this file's graphql module: federation-internals loads its own copy.
const apiSchema: GraphQLSchema = buildSchema(
  printSchema(Supergraph.build(readFileSync(resolve(ROOT, 'schema/supergraph.graphql'), 'utf8')).apiSchema()),
);

const operations = contractFiles
  .filter((file) => file !== 'inputs.graphql')
  .flatMap((file) =>
    parse(readFileSync(resolve(CONTRACT_DIR, file), 'utf8')).definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION ? [{ file, operation: definition as OperationDefinitionNode }] : [],
    ),
  );

describe('public API contract', () => {
  it.runIf(hasShared)('schema/contract is an exact copy of shared/contract', () => {
    const shared = readdirSync(resolve(SHARED, 'contract')).sort();
    expect(readdirSync(CONTRACT_DIR).sort()).toEqual(shared);
    for (const file of shared) {
      expect(readFileSync(resolve(CONTRACT_DIR, file), 'utf8'), `${file} differs: copy ../shared/contract again`).toBe(
        readFileSync(resolve(SHARED, 'contract', file), 'utf8'),
      );
    }
  });

  it('has operations to check', () => {
    expect(operations.length).toBeGreaterThanOrEqual(18);
  });

  for (const { file, operation } of operations) {
    const name = operation.name?.value ?? '(anonymous)';
    const pending = PENDING[name];
    it(`${file} ${name} ${pending ? 'is pending' : 'validates'}`, () => {
      // graphql 16's validate() does not check that the schema has the operation's root type at all.
      const rootMissing = apiSchema.getRootType(operation.operation) ? [] : [new Error(`the schema has no ${operation.operation} type`)];
      const errors = [...rootMissing, ...validate(apiSchema, { kind: Kind.DOCUMENT, definitions: [operation] })];
      if (pending) {
        expect(errors.length, `${name} now validates: remove it from PENDING`).toBeGreaterThan(0);
      } else {
        expect(errors.map((error) => error.message)).toEqual([]);
      }
    });
  }

  it('reports the pending operations', () => {
    const pending = operations.filter(({ operation }) => PENDING[operation.name?.value ?? '']);
    process.stdout.write(`contract: ${operations.length - pending.length} operations validate, ${pending.length} pending:\n`);
    for (const { operation } of pending) process.stdout.write(`  - ${operation.name?.value}: ${PENDING[operation.name?.value ?? '']}\n`);
    for (const [type, issue] of Object.entries(PENDING_TYPES)) process.stdout.write(`  - type ${type}: ${issue}\n`);
    expect(Object.keys(PENDING).every((name) => operations.some(({ operation }) => operation.name?.value === name))).toBe(true);
  });

  it('contains the contract input types and enums with their fields, values and nullability', () => {
    const inputs = parse(readFileSync(resolve(CONTRACT_DIR, 'inputs.graphql'), 'utf8'));
    for (const definition of inputs.definitions) {
      if (
        (definition.kind === Kind.ENUM_TYPE_DEFINITION || definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) &&
        PENDING_TYPES[definition.name.value]
      ) {
        expect(
          apiSchema.getType(definition.name.value),
          `${definition.name.value} is in the schema now: remove it from PENDING_TYPES`,
        ).toBeUndefined();
        continue;
      }
      if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
        const type = apiSchema.getType(definition.name.value);
        expect(isEnumType(type), `enum ${definition.name.value}`).toBe(true);
        if (!isEnumType(type)) continue;
        const values = type.getValues().map((value) => value.name);
        for (const value of definition.values ?? [])
          expect(values, `${definition.name.value}.${value.name.value}`).toContain(value.name.value);
      }
      if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
        const type = apiSchema.getType(definition.name.value);
        expect(isInputObjectType(type), `input ${definition.name.value}`).toBe(true);
        if (!isInputObjectType(type)) continue;
        const fields = type.getFields();
        for (const field of definition.fields ?? []) {
          const actual = fields[field.name.value];
          expect(actual, `${definition.name.value}.${field.name.value}`).toBeDefined();
          const promisedRequired = field.type.kind === Kind.NON_NULL_TYPE;
          expect(String(actual?.type).endsWith('!'), `${definition.name.value}.${field.name.value} nullability`).toBe(promisedRequired);
        }
        for (const [fieldName, field] of Object.entries(fields)) {
          const promised = definition.fields?.some((f) => f.name.value === fieldName);
          if (!promised)
            expect(String(field.type).endsWith('!'), `extra field ${definition.name.value}.${fieldName} must be optional`).toBe(false);
        }
      }
    }
  });
});
