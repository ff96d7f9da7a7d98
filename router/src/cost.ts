/**
 * The static cost of an operation (behaviour 9): every field that returns an object costs 1, scalars
 * and enums cost nothing, and a field that returns many (a connection with `first`/`last`, or a list)
 * multiplies what it selects by how many it may return: its `first` or `last`, else 20. The `edges` and
 * `nodes` lists of a connection are already counted by the connection's `first`. Nested lists multiply.
 * Introspection costs nothing (tools send it; its depth is bounded by the operation limits).
 * Linear in the document: each fragment's cost is computed once.
 *
 * graphql-armor's cost rule was the first choice, but it has no notion of page sizes (it weighs depth
 * and field counts), which is the whole point here: `contacts(first: 50)` must cost 50 times its node.
 */
import { createRequire } from 'node:module';
import {
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { RouterContext } from './context.js';
import type { ThrottleStatus, Traffic } from './traffic.js';

// The gateway's schema is built by graphql's CommonJS build: its type predicates (instanceof checks)
// must come from the same build.
const { getNamedType, getNullableType, isCompositeType, isListType } = createRequire(import.meta.url)(
  'graphql',
) as typeof import('graphql');

export const DEFAULT_PAGE_SIZE = 20;
export const DEFAULT_MAX_COST = 10_000;
const CONNECTION_LISTS = new Set(['edges', 'nodes']);

function pageSize(value: ValueNode | undefined, variables: Record<string, unknown>): number | null {
  if (!value) return null;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' && Number.isFinite(given) ? given : null;
  }
  return null;
}

/** The requested cost of `operation` against `schema` (see the module comment). */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): number {
  const fragmentCosts = new Map<string, number>();
  const visiting = new Set<string>();

  function selectionCost(type: GraphQLCompositeType, selectionSet: SelectionSetNode): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || visiting.has(name)) continue;
        let cost = fragmentCosts.get(name);
        if (cost === undefined) {
          visiting.add(name);
          const on = schema.getType(fragment.typeCondition.name.value);
          cost = on && isCompositeType(on) ? selectionCost(on, fragment.selectionSet) : 0;
          visiting.delete(name);
          fragmentCosts.set(name, cost);
        }
        total += cost;
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        total += on && isCompositeType(on) ? selectionCost(on, selection.selectionSet) : 0;
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      const field = 'getFields' in type ? type.getFields()[name] : undefined;
      if (!field || !selection.selectionSet) continue;
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      const argument = (arg: string) => selection.arguments?.find((a) => a.name.value === arg)?.value;
      const paged = field.args.some((arg) => arg.name === 'first' || arg.name === 'last');
      const list = isListType(getNullableType(field.type)) && !CONNECTION_LISTS.has(name);
      const size =
        paged || list ? (pageSize(argument('first'), variables) ?? pageSize(argument('last'), variables) ?? DEFAULT_PAGE_SIZE) : 1;
      total += 1 + Math.max(0, size) * selectionCost(named, selection.selectionSet);
    }
    return total;
  }

  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(root, operation.selectionSet) : 0;
}

/**
 * Reports `extensions.cost` on every response and refuses an operation over `maxCost` with
 * QUERY_TOO_COMPLEX (HTTP 400) before any module is called.
 */
export function queryCostPlugin(maxCost: number, traffic: () => Traffic | null = () => null): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      let requestedQueryCost: number | null = null;
      let throttleStatus: ThrottleStatus | null = null;
      return {
        async didResolveOperation({ operation, document, schema, request, contextValue }) {
          if (!operation) return;
          const fragments = Object.fromEntries(
            document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
          );
          requestedQueryCost = operationCost(schema, operation, fragments, request.variables ?? {});
          if (requestedQueryCost > maxCost) {
            throw new GraphQLError(
              `The operation's cost ${requestedQueryCost} exceeds the maximum of ${maxCost}: ask for smaller pages (first) or fewer nested lists`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 }, cost: { requestedQueryCost, maximumAvailable: maxCost } } },
            );
          }
          // API keys are throttled by cost too (a leaky bucket per key, shared by every router).
          const store = traffic();
          const keyId = contextValue.caller.apiKeyId;
          if (!store || !keyId) return;
          const verdict = await store.spendCost(`key:${keyId}`, requestedQueryCost);
          throttleStatus = verdict.throttleStatus;
          if (!verdict.allowed) {
            throw new GraphQLError(
              `Throttled: this API key has ${verdict.throttleStatus.currentlyAvailable} of ${verdict.throttleStatus.maximumAvailable} cost points left and the operation costs ${requestedQueryCost}; it regains ${verdict.throttleStatus.restoreRate} per second. Retry after ${verdict.retryAfterSeconds} s.`,
              {
                extensions: {
                  code: 'RATE_LIMITED',
                  http: { status: 429, headers: new HeaderMap([['retry-after', String(verdict.retryAfterSeconds)]]) },
                  cost: { requestedQueryCost, maximumAvailable: maxCost, throttleStatus },
                },
              },
            );
          }
        },
        async willSendResponse({ response }) {
          if (requestedQueryCost === null || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = {
            ...result.extensions,
            cost: { requestedQueryCost, maximumAvailable: maxCost, ...(throttleStatus ? { throttleStatus } : {}) },
          };
        },
      };
    },
  };
}
