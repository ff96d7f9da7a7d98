import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Bounds on one operation, so a single request cannot ask for unbounded work. Everything is counted
 * per operation and as executed: a fragment counts in full at each place it is spread, so a fragment
 * of 3 fields spread 10 times is 30 fields (this is what stops fragment "bombs", small documents
 * whose fragments spread each other twice per level).
 */
export interface OperationLimits {
  /**
   * Deepest nesting of fields, a leaf field counting 1 (`{ me { id } }` is 2). Introspection
   * (`__schema` and `__type` with what they select) is left out: it has its own bound.
   */
  maxDepth: number;
  /**
   * Deepest nesting inside `__schema` / `__type`, those fields counting 1. graphql-js's standard
   * `getIntrospectionQuery()` needs 15 (with or without its options), an `ofType` chain deeper than
   * the standard query's is refused. Whether a caller may introspect at all is decided elsewhere.
   */
  maxIntrospectionDepth: number;
  /** Aliased fields (`a: field`), anywhere in the operation, including introspection. */
  maxAliases: number;
  /** Directive uses (`@include`, `@skip`, ...), on the operation, its fields and its fragments. */
  maxDirectives: number;
  /** Fields, `__typename` and introspection fields included: bounds operations that never get deep. */
  maxSelections: number;
}

/** The limits applied when none are overridden. */
export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimits> = Object.freeze({
  maxDepth: 12,
  maxIntrospectionDepth: 15,
  maxAliases: 30,
  maxDirectives: 50,
  maxSelections: 5000,
});

/**
 * The most tokens a document may have, for the parser (`parse(query, { maxTokens })`, Apollo
 * Server's `parseOptions`). graphql-js's `getIntrospectionQuery()` is about 184 tokens, the
 * dashboard's largest operation about 103.
 */
export const MAX_TOKENS = 1000;

/**
 * Selections and fragments nested deeper than this (whatever they add to `depth`) make the operation
 * refused without being looked at further, so no document can exhaust the stack of this rule.
 */
const MAX_NESTING = 1000;

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** What a selection set costs, as executed. */
interface Cost {
  /** Field depth outside introspection; inside an introspection subtree, the depth within it. */
  depth: number;
  /** Depth of the introspection subtrees, their root field counting 1 (set where they start). */
  introspectionDepth: number;
  aliases: number;
  directives: number;
  selections: number;
}

const NOTHING: Readonly<Cost> = Object.freeze({ depth: 0, introspectionDepth: 0, aliases: 0, directives: 0, selections: 0 });

/** A count for a message: the figure, unless it is too large to mean anything. */
function figure(count: number): string {
  return Number.isSafeInteger(count) ? String(count) : 'more than 2^53';
}

/**
 * A validation rule refusing operations beyond `limits` (merged over DEFAULT_OPERATION_LIMITS), with
 * one BAD_USER_INPUT error per limit exceeded. Linear in the size of the document: each fragment is
 * summarised once per mode (data or introspection) and reused at every spread. It never throws, so
 * it suits plain `validate()` (graphql-ws) as well as Apollo Server. A fragment cycle is not
 * followed around (NoFragmentCyclesRule reports it).
 */
export function operationLimits(overrides: Partial<OperationLimits> = {}): ValidationRule {
  const limits: OperationLimits = { ...DEFAULT_OPERATION_LIMITS, ...overrides };
  return (context: ValidationContext): ASTVisitor => {
    /** Fragment summaries by `d:<name>` (data) or `i:<name>` (inside introspection). */
    const fragments = new Map<string, Cost>();
    let nesting = 0;
    let tooNested = false;

    function summarise(set: SelectionSetNode, introspection: boolean): Cost {
      if (++nesting > MAX_NESTING) {
        tooNested = true;
        nesting -= 1;
        return NOTHING;
      }
      const cost: Cost = { ...NOTHING };
      for (const selection of set.selections) {
        let inner: Readonly<Cost> = NOTHING;
        let own = 0;
        cost.directives += selection.directives?.length ?? 0;
        if (selection.kind === Kind.FIELD) {
          own = 1;
          cost.selections += 1;
          if (selection.alias) cost.aliases += 1;
          const root = !introspection && INTROSPECTION_ROOTS.has(selection.name.value);
          if (selection.selectionSet) inner = summarise(selection.selectionSet, introspection || root);
          if (root) {
            // The subtree's depth goes to introspectionDepth only; it adds nothing to depth.
            cost.introspectionDepth = Math.max(cost.introspectionDepth, 1 + inner.depth);
            inner = { ...inner, depth: 0 };
            own = 0;
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          inner = summarise(selection.selectionSet, introspection);
        } else {
          const key = `${introspection ? 'i' : 'd'}:${selection.name.value}`;
          let summary = fragments.get(key);
          if (summary === undefined) {
            fragments.set(key, NOTHING); // a spread of it inside itself adds nothing (a cycle)
            const fragment = context.getFragment(selection.name.value);
            summary = NOTHING;
            if (fragment) {
              const body = summarise(fragment.selectionSet, introspection);
              summary = { ...body, directives: body.directives + (fragment.directives?.length ?? 0) };
            }
            fragments.set(key, summary);
          }
          inner = summary;
        }
        cost.depth = Math.max(cost.depth, own + inner.depth);
        cost.introspectionDepth = Math.max(cost.introspectionDepth, inner.introspectionDepth);
        cost.aliases += inner.aliases;
        cost.directives += inner.directives;
        cost.selections += inner.selections;
      }
      nesting -= 1;
      return cost;
    }

    function refuse(operation: OperationDefinitionNode, message: string): void {
      context.reportError(new GraphQLError(message, { nodes: [operation], extensions: { code: 'BAD_USER_INPUT' } }));
    }

    return {
      OperationDefinition(operation) {
        tooNested = false;
        const cost = summarise(operation.selectionSet, false);
        cost.directives +=
          (operation.directives?.length ?? 0) + (operation.variableDefinitions ?? []).reduce((n, v) => n + (v.directives?.length ?? 0), 0);
        if (tooNested) {
          refuse(operation, `Operation nests selections and fragments more than ${MAX_NESTING} levels deep`);
          return false;
        }
        if (cost.depth > limits.maxDepth) refuse(operation, `Operation depth ${cost.depth} exceeds the limit of ${limits.maxDepth}`);
        if (cost.introspectionDepth > limits.maxIntrospectionDepth) {
          refuse(operation, `Introspection depth ${cost.introspectionDepth} exceeds the limit of ${limits.maxIntrospectionDepth}`);
        }
        if (cost.aliases > limits.maxAliases) {
          refuse(
            operation,
            `Operation uses ${figure(cost.aliases)} aliases (fragments counted at each spread), over the limit of ${limits.maxAliases}`,
          );
        }
        if (cost.directives > limits.maxDirectives) {
          refuse(
            operation,
            `Operation uses ${figure(cost.directives)} directives (fragments counted at each spread), over the limit of ${limits.maxDirectives}`,
          );
        }
        if (cost.selections > limits.maxSelections) {
          refuse(
            operation,
            `Operation selects ${figure(cost.selections)} fields (fragments counted at each spread), over the limit of ${limits.maxSelections}`,
          );
        }
        return false; // the rule has seen all it needs of this operation
      },
    };
  };
}
