// graphql-codegen document transform for the dashboard (codegen.yml names transforms by file): every
// selection set gets `__typename`, which urql's document cache reads to know what a mutation changed,
// except an operation's root, as urql's own formatDocument does. The client preset's transform adds it
// to query and mutation roots too, which would put `__typename` first in every `data` the pages read.
// The router runs the stored text, so it must select what the client relies on.
const { Kind, visit } = require('graphql');

const TYPENAME = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

exports.transform = ({ documents }) =>
  documents.map((source) => ({
    ...source,
    document:
      source.document &&
      visit(source.document, {
        SelectionSet(node, _key, parent) {
          if (parent && !Array.isArray(parent) && parent.kind === Kind.OPERATION_DEFINITION) return undefined;
          if (
            node.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename' && !selection.alias)
          )
            return undefined;
          return { ...node, selections: [TYPENAME, ...node.selections] };
        },
      }),
  }));
