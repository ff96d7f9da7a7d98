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
import { EVERY_TENANT_SUBGRAPHS } from './modules.generated.js';

/** Subgraphs whose fields every authenticated tenant may use, whatever its plan (modules without a key). */
const ALWAYS_ENABLED = new Set(EVERY_TENANT_SUBGRAPHS);

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
   * Refuses an operation whose root fields (query, mutation, subscription) belong to a module the
   * tenant has not enabled, naming the module, before anything runs. Fields below the root are
   * checked where they would be fetched (`assertModuleEnabled` in the data source): a deal's owner
   * name needs HR only when the deal has an owner, so a FREE tenant can still create deals with the
   * contract's operation. Shared fields (entity keys, @shareable types) pass when any owner is enabled.
   */
  assertEntitled(document: DocumentNode, enabledModules: readonly string[]): void {
    const enabled = new Set(enabledModules);
    const roots = new Set(
      [this.schema.getQueryType(), this.schema.getMutationType(), this.schema.getSubscriptionType()].map((t) => t?.name),
    );
    const typeInfo = new TypeInfo(this.schema);
    let refused: { field: string; module: string } | null = null;
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field: (node) => {
          if (refused) return;
          const parent = typeInfo.getParentType();
          if (!parent || !roots.has(parent.name)) return;
          const owners = this.ownersOf(parent.name, node.name.value);
          if (!owners || owners.size === 0) return;
          if (![...owners].some((graph) => isModuleEnabled(graph, enabled))) {
            refused = { field: `${parent.name}.${node.name.value}`, module: moduleOfSubgraph([...owners][0] ?? '') };
          }
        },
      }),
    );
    if (refused) {
      const { field, module } = refused as { field: string; module: string };
      throw moduleNotEnabled(module, `field ${field}`);
    }
  }
}

/** Whether a subgraph's module is enabled (identity's fields are every tenant's). */
export function isModuleEnabled(subgraph: string, enabledModules: ReadonlySet<string>): boolean {
  return ALWAYS_ENABLED.has(subgraph) || enabledModules.has(moduleOfSubgraph(subgraph));
}

/** The MODULE_NOT_ENABLED error. */
export function moduleNotEnabled(module: string, what: string): GraphQLError {
  return new GraphQLError(`The ${module} module is not enabled for this tenant (${what})`, {
    extensions: { code: ErrorCode.MODULE_NOT_ENABLED, module, http: { status: 403 } },
  });
}
