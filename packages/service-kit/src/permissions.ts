/**
 * Who may call what (contract behaviour 7): one permission table per module, checked in one place.
 *
 * A module's table names every root field of its Mutation type (and any Query field that is not for
 * every caller) with the principals allowed to call it. The subgraph refuses any other principal with
 * `FORBIDDEN` after the operation is resolved and before any resolver runs, so a refused mutation
 * changes nothing. An entry `Type.field` (a nullable field, e.g. a salary) is hidden instead: it
 * resolves to null for the principals not listed. The runtime refuses to start a module whose table misses a mutation or names a
 * field its schema does not have: a new mutation is classified on purpose, never by default.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { defaultFieldResolver, Kind, type DocumentNode, type GraphQLField, type GraphQLSchema } from 'graphql';
import { ErrorCode, TesseraError } from './errors.js';
import { rootFieldNames } from './root-fields.js';
import type { CallerContext, Role } from './internal-context.js';
import type { RequestContext } from './subgraph-server.js';

/** A user's role, or an integration's API key (which is never a user). */
export type Principal = Role | 'API_KEY';

/** Every principal of a tenant: its users of any role and its API keys. */
export const EVERY_PRINCIPAL: readonly Principal[] = ['OWNER', 'ADMIN', 'MEMBER', 'API_KEY'];
/** Every user of a tenant, whatever the role; not an API key (a user's own session and password). */
export const EVERY_USER: readonly Principal[] = ['OWNER', 'ADMIN', 'MEMBER'];
/** Owners, admins and API keys (keys for integrations of the module's data, e.g. payroll). */
export const MANAGERS: readonly Principal[] = ['OWNER', 'ADMIN', 'API_KEY'];
/** Owners and admins only: the tenant's people, credentials and settings are never an API key's to change. */
export const PEOPLE_MANAGERS: readonly Principal[] = ['OWNER', 'ADMIN'];

/** Root field name to the principals that may call it. */
export type PermissionTable = Readonly<Record<string, readonly Principal[]>>;

/** Who the caller is for the table: its API key, else its role; null for a caller without a tenant. */
export function principalOf(caller: CallerContext): Principal | null {
  if (!caller.tenantId) return null;
  if (caller.apiKeyId) return 'API_KEY';
  return caller.role;
}

const PRINCIPAL_NAMES: Record<Principal, string> = {
  OWNER: 'An owner',
  ADMIN: 'An admin',
  MEMBER: 'A member',
  API_KEY: 'An API key',
};

/** Whether `principal` may call `field` under `table` (fields the table does not name are for everyone). */
export function mayCall(table: PermissionTable, field: string, principal: Principal): boolean {
  const allowed = table[field];
  return !allowed || allowed.includes(principal);
}

/**
 * The problems of a module's table against its SDL: a Mutation field without an entry, or an entry
 * for a field that neither Mutation nor Query has. Empty when the table is complete.
 */
export function permissionTableProblems(module: string, typeDefs: DocumentNode, table: PermissionTable): string[] {
  const fieldsOf = (type: string) =>
    typeDefs.definitions.flatMap((definition) =>
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === type
        ? (definition.fields ?? []).map((field) => field.name.value)
        : [],
    );
  const mutations = fieldsOf('Mutation');
  const roots = new Set([...mutations, ...fieldsOf('Query')]);
  const typeField = (type: string, field: string) =>
    typeDefs.definitions
      .flatMap((definition) =>
        (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
        definition.name.value === type
          ? [...(definition.fields ?? [])]
          : [],
      )
      .find((candidate) => candidate.name.value === field);
  const hidden = Object.keys(table).filter((key) => key.includes('.'));
  return [
    ...hidden.flatMap((key) => {
      const [type = '', field = ''] = key.split('.');
      const found = typeField(type, field);
      if (!found) return [`${module}: the permission table names ${key}, which its schema does not have`];
      return found.type.kind === Kind.NON_NULL_TYPE
        ? [`${module}: ${key} is non-null, so it cannot be hidden (null) for some callers`]
        : [];
    }),
    ...mutations
      .filter((field) => !table[field])
      .map((field) => `${module}: mutation ${field} has no entry in the module's permission table (src/permissions.ts)`),
    ...Object.keys(table)
      .filter((field) => !field.includes('.') && !roots.has(field))
      .map((field) => `${module}: the permission table names ${field}, which is not a Mutation or Query field of its schema`),
  ];
}

/**
 * Hides the table's `Type.field` entries from the principals they do not list: such a field resolves
 * to null for them (as HR's compensation and payroll's salaries do for members). Changes `schema`'s resolvers in place.
 */
export function hideFields(schema: GraphQLSchema, table: PermissionTable): GraphQLSchema {
  for (const [key, allowed] of Object.entries(table)) {
    if (!key.includes('.')) continue;
    const [typeName = '', fieldName = ''] = key.split('.');
    // Duck-typed: @apollo/subgraph builds the schema with graphql's CommonJS build, whose classes fail
    // this (ES module) build's instanceof checks.
    const type = schema.getType(typeName) as { getFields?: () => Record<string, GraphQLField<unknown, RequestContext>> } | undefined;
    const field = type?.getFields?.()[fieldName];
    if (!field) throw new Error(`permission table: ${key} is not a field of the schema`);
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: RequestContext, info) => {
      const principal = principalOf(context.caller);
      return principal && allowed.includes(principal) ? resolve(source, args, context, info) : null;
    };
  }
  return schema;
}

/** Refuses, before any resolver runs, a root field the caller's principal may not call. */
export function permissionGuard(table: PermissionTable): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          const principal = principalOf(contextValue.caller);
          if (!principal || !operation) return;
          const refused = rootFieldNames(document, operation).find((field) => !field.startsWith('__') && !mayCall(table, field, principal));
          if (refused) {
            const error = new TesseraError(ErrorCode.FORBIDDEN, `${PRINCIPAL_NAMES[principal]} may not call ${refused}`);
            Object.assign(error.extensions, { http: { status: 403 } });
            throw error;
          }
        },
      };
    },
  };
}
