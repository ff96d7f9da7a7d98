/**
 * A schema per caller (behaviour 8, issue 13 item 3): introspection answers from the API schema
 * filtered to the modules the caller may use (the tenant's plan, intersected with an API key's
 * modules), so a FREE tenant's token or a CRM-only key does not see HR's or payroll's types and
 * fields. Execution still uses the full schema: selecting another module's field answers
 * MODULE_NOT_ENABLED (behaviour 2), not a validation error.
 *
 * A filtered schema is built once per distinct module set and supergraph, and cached: there are few
 * distinct sets (plans times the keys' module choices), and building one costs a few milliseconds.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  buildASTSchema,
  execute,
  GraphQLError,
  Kind,
  parse,
  printSchema,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type InputValueDefinitionNode,
  type OperationDefinitionNode,
  type TypeNode,
} from 'graphql';
import { rootFieldNames } from '@tessera/service-kit';
import type { RouterContext } from './context.js';
import { isModuleEnabled, type FieldOwnership } from './entitlements.js';

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);
const MAX_CACHED = 256;

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

type Fielded = DefinitionNode & { name: { value: string }; fields?: readonly (FieldDefinitionNode | InputValueDefinitionNode)[] };

/**
 * The API schema's SDL without the fields of modules outside `enabled`, then without every type no
 * longer reachable from the roots (and fields whose type went with them), rebuilt as a schema.
 */
export function filterSchema(
  apiSchema: GraphQLSchema,
  ownership: FieldOwnership,
  enabled: ReadonlySet<string>,
  document: DocumentNode = parse(printSchema(apiSchema)),
): GraphQLSchema {
  const visible = (type: string, field: string) => {
    const owners = ownership.ownersOf(type, field);
    return !owners || owners.size === 0 || [...owners].some((graph) => isModuleEnabled(graph, enabled));
  };
  let definitions: DefinitionNode[] = document.definitions.map((definition) => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) return definition;
    return { ...definition, fields: (definition.fields ?? []).filter((field) => visible(definition.name.value, field.name.value)) };
  });
  const roots = ['Query', 'Mutation', 'Subscription'];
  const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
  const nameOf = (definition: DefinitionNode) => ('name' in definition && definition.name ? definition.name.value : null);
  const size = (all: DefinitionNode[]) =>
    all.reduce(
      (sum, definition) =>
        sum + 1 + ((definition as Fielded).fields?.length ?? 0) + ((definition as { types?: unknown[] }).types?.length ?? 0),
      0,
    );
  // Until nothing changes: drop types left without fields, fields whose type is gone, union members
  // that are gone, and types no root reaches. Each round removes something or ends it.
  for (let before = -1; before !== size(definitions);) {
    before = size(definitions);
    const names = new Set(definitions.map(nameOf).filter((name): name is string => name !== null));
    const exists = (name: string) => builtIn.has(name) || names.has(name);
    const trimmed = definitions.flatMap((definition): DefinitionNode[] => {
      if (definition.kind === Kind.UNION_TYPE_DEFINITION) {
        const types = (definition.types ?? []).filter((type) => exists(type.name.value));
        return types.length ? [{ ...definition, types }] : [];
      }
      const fielded = definition as Fielded;
      if (!fielded.fields) return [definition];
      const fields = fielded.fields.filter(
        (field) =>
          exists(namedType(field.type)) && (!('arguments' in field) || (field.arguments ?? []).every((arg) => exists(namedType(arg.type)))),
      );
      if (fields.length === 0) return [];
      return fields.length === fielded.fields.length ? [definition] : [{ ...definition, fields } as DefinitionNode];
    });
    const byName = new Map(trimmed.flatMap((definition) => (nameOf(definition) ? [[nameOf(definition)!, definition] as const] : [])));
    const reached = new Set<string>();
    const reach = (name: string) => {
      const definition = byName.get(name) as
        (Fielded & { interfaces?: readonly { name: { value: string } }[]; types?: readonly { name: { value: string } }[] }) | undefined;
      if (reached.has(name) || !definition) return;
      reached.add(name);
      for (const field of definition.fields ?? []) {
        reach(namedType(field.type));
        if ('arguments' in field) for (const arg of field.arguments ?? []) reach(namedType(arg.type));
      }
      for (const item of definition.interfaces ?? []) reach(item.name.value);
      for (const item of definition.types ?? []) reach(item.name.value);
    };
    roots.forEach(reach);
    // Implementations of a reached interface stay (introspection lists an interface's possible types).
    for (const definition of trimmed) {
      if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && (definition.interfaces ?? []).some((item) => reached.has(item.name.value))) {
        reach(definition.name.value);
      }
    }
    definitions = trimmed.filter((definition) => {
      const name = nameOf(definition);
      return name === null || definition.kind === Kind.DIRECTIVE_DEFINITION || reached.has(name);
    });
  }
  return buildASTSchema({ kind: Kind.DOCUMENT, definitions } as DocumentNode, { assumeValidSDL: true });
}

/** Whether an operation introspects (`__schema`, `__type`), and whether it asks for anything else too. */
export function introspectionOf(document: DocumentNode, operation: OperationDefinitionNode): 'none' | 'only' | 'mixed' {
  const names = rootFieldNames(document, operation);
  if (!names.some((name) => INTROSPECTION_ROOTS.has(name))) return 'none';
  return names.every((name) => name.startsWith('__')) ? 'only' : 'mixed';
}

/** Filtered schemas by module set, for one API schema (a new supergraph starts a new cache). */
export class CallerSchemas {
  private cache = new Map<string, GraphQLSchema>();
  private source: { apiSchema: GraphQLSchema; ownership: FieldOwnership; document: DocumentNode } | null = null;
  /** Builds and hits, for the metrics and the bench. */
  readonly stats = { builds: 0, hits: 0 };

  constructor(private readonly current: () => { apiSchema: GraphQLSchema | null; ownership: FieldOwnership }) {}

  for(enabledModules: readonly string[]): GraphQLSchema {
    const { apiSchema, ownership } = this.current();
    if (!apiSchema) throw new Error('the gateway has no schema yet');
    if (!this.source || this.source.apiSchema !== apiSchema || this.source.ownership !== ownership) {
      this.source = { apiSchema, ownership, document: parse(printSchema(apiSchema)) };
      this.cache = new Map();
    }
    const key = [...new Set(enabledModules)].sort().join(',');
    const cached = this.cache.get(key);
    if (cached) {
      this.stats.hits += 1;
      return cached;
    }
    const schema = filterSchema(apiSchema, ownership, new Set(enabledModules), this.source.document);
    this.stats.builds += 1;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(key, schema);
    return schema;
  }
}

/**
 * Answers an introspection operation from the caller's schema instead of executing it on the full
 * one. An operation that mixes introspection with data is refused: its introspection part would
 * otherwise need the full schema.
 */
export function callerSchemaPlugin(schemas: CallerSchemas): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      // Decided once, when the operation is resolved, and read again when Apollo asks for a response.
      let kind: ReturnType<typeof introspectionOf> = 'none';
      return {
        async didResolveOperation({ document, operation }) {
          kind = operation ? introspectionOf(document, operation) : 'none';
          if (kind === 'mixed') {
            throw new GraphQLError('Send introspection (__schema, __type) in an operation of its own, without other fields', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
        },
        async responseForOperation({ document, contextValue, request }) {
          if (kind !== 'only') return null;
          const schema = schemas.for(contextValue.caller.tenantId ? contextValue.enabledModules : []);
          const result = await execute({
            schema,
            document,
            operationName: request.operationName ?? null,
            variableValues: request.variables ?? {},
          });
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: result } };
        },
      };
    },
  };
}
