import {
  buildASTSchema,
  GraphQLError,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type ConstDirectiveNode,
} from 'graphql';
import { ErrorCode } from '@tessera/service-kit';

/** Subgraphs whose fields every authenticated tenant may use, whatever its plan. */
const ALWAYS_ENABLED = new Set(['identity']);

/** The module key that enables a subgraph's fields (contract: the upper-case module name). */
export const moduleOfSubgraph = (subgraph: string): string => subgraph.toUpperCase();

function argument(directive: ConstDirectiveNode, name: string): string | undefined {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  if (arg.value.kind === Kind.ENUM || arg.value.kind === Kind.STRING) return arg.value.value;
  if (arg.value.kind === Kind.BOOLEAN) return String(arg.value.value);
  return undefined;
}

/**
 * Which subgraphs own each field of the supergraph, read from its join__ directives: a field with
 * `@join__field(graph: X)` belongs to those graphs (external ones excluded); otherwise to every graph
 * that declares its type.
 */
export class FieldOwnership {
  readonly schema: GraphQLSchema;
  private readonly owners = new Map<string, Set<string>>();

  constructor(supergraph: DocumentNode) {
    this.schema = buildASTSchema(supergraph, { assumeValidSDL: true });
    const graphNames = new Map<string, string>();
    for (const definition of supergraph.definitions) {
      if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
        for (const value of definition.values ?? []) {
          const directive = value.directives?.find((d) => d.name.value === 'join__graph');
          graphNames.set(value.name.value, (directive && argument(directive, 'name')) ?? value.name.value.toLowerCase());
        }
      }
    }
    for (const definition of supergraph.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
      const typeGraphs = (definition.directives ?? [])
        .filter((d) => d.name.value === 'join__type')
        .map((d) => graphNames.get(argument(d, 'graph') ?? '') ?? '');
      for (const field of definition.fields ?? []) {
        const fieldDirectives = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
        const graphs = fieldDirectives.length
          ? fieldDirectives
              .filter((d) => argument(d, 'external') !== 'true' && argument(d, 'graph'))
              .map((d) => graphNames.get(argument(d, 'graph') ?? '') ?? '')
          : typeGraphs;
        this.owners.set(`${definition.name.value}.${field.name.value}`, new Set(graphs.filter(Boolean)));
      }
    }
  }

  ownersOf(typeName: string, fieldName: string): ReadonlySet<string> | undefined {
    return this.owners.get(`${typeName}.${fieldName}`);
  }

  /**
   * Refuses an operation that selects a field no enabled module can resolve, naming the module.
   * Shared fields (entity keys, @shareable types) pass when any of their owners is enabled.
   */
  assertEntitled(document: DocumentNode, enabledModules: readonly string[]): void {
    const enabled = new Set(enabledModules);
    const typeInfo = new TypeInfo(this.schema);
    let refused: { field: string; module: string } | null = null;
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field: (node) => {
          if (refused) return;
          const parent = typeInfo.getParentType();
          const owners = parent ? this.ownersOf(parent.name, node.name.value) : undefined;
          if (!owners || owners.size === 0) return;
          const allowed = [...owners].some((graph) => ALWAYS_ENABLED.has(graph) || enabled.has(moduleOfSubgraph(graph)));
          if (!allowed) refused = { field: `${parent?.name}.${node.name.value}`, module: moduleOfSubgraph([...owners][0] ?? '') };
        },
      }),
    );
    if (refused) {
      const { field, module } = refused as { field: string; module: string };
      throw new GraphQLError(`The ${module} module is not enabled for this tenant (field ${field})`, {
        extensions: { code: ErrorCode.MODULE_NOT_ENABLED, module, http: { status: 403 } },
      });
    }
  }
}
