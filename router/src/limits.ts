import { GraphQLError, Kind, type ASTVisitor, type ValidationContext, type SelectionSetNode, type FragmentDefinitionNode } from 'graphql';

/** Bounds on one operation, so a single request cannot ask for unbounded work. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
}

const DEFAULTS: OperationLimits = { maxDepth: 12, maxAliases: 30 };

function depthOf(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments, seen) : 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (fragment && !seen.has(name)) deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

/** A validation rule refusing operations deeper than `maxDepth` or with more than `maxAliases` aliases. */
export function operationLimits(overrides: Partial<OperationLimits> = {}) {
  const limits = { ...DEFAULTS, ...overrides };
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map(
      context.getDocument().definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
    );
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases += 1;
        if (aliases === limits.maxAliases + 1) {
          context.reportError(
            new GraphQLError(`Operation uses more than ${limits.maxAliases} aliases`, { extensions: { code: 'BAD_USER_INPUT' } }),
          );
        }
      },
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, fragments, new Set());
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`Operation depth ${depth} exceeds the limit of ${limits.maxDepth}`, {
              nodes: [node],
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          );
        }
      },
    };
  };
}
