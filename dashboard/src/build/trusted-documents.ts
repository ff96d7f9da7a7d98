// Build-time only (imported by vite.config.ts, never by the app): the production bundle keeps, of each
// operation document codegen wrote, only what the client needs to send it by its trusted-document id.
import type { Plugin } from 'vite';

interface Definition {
  kind: string;
}

interface CodegenDocument {
  __meta__?: { hash?: string };
  kind: 'Document';
  definitions: Definition[];
}

/** A document literal codegen wrote: `export const XDocument = {...} as unknown as DocumentNode<...>;`, one per line. */
const DOCUMENT_LINE = /^(export const \w+ = )(\{"__meta__":.*\})( as unknown as DocumentNode<.*)$/gm;

/**
 * Replaces every operation document that has a trusted-document id by `{ documentId, kind, definitions: [] }`.
 * urql sends a document with a `documentId` and no definitions as `{ documentId, variables }` (the
 * GraphQL-over-HTTP persisted-documents request) and keys its cache by the id; the router runs the
 * registered text. The operation's kind comes from the call (query, mutation, subscription), not the
 * document. Documents without an id, and fragments, are left as they are.
 */
export function stripOperationDocuments(code: string): { code: string; stripped: number; bytesBefore: number; bytesAfter: number } {
  let stripped = 0;
  let bytesBefore = 0;
  let bytesAfter = 0;
  const out = code.replace(DOCUMENT_LINE, (line, head: string, literal: string, tail: string) => {
    const document = JSON.parse(literal) as CodegenDocument;
    const hash = document.__meta__?.hash;
    if (!hash || !document.definitions.some((definition) => definition.kind === 'OperationDefinition')) return line;
    const stub = { documentId: hash, kind: 'Document', definitions: [] };
    const text = JSON.stringify(stub);
    stripped += 1;
    bytesBefore += literal.length;
    bytesAfter += text.length;
    return `${head}${text}${tail}`;
  });
  return { code: out, stripped, bytesBefore, bytesAfter };
}

/** The Vite plugin: strips the generated operation documents in `vite build` (dev and tests keep them whole). */
export function trustedDocuments(): Plugin {
  return {
    name: 'tessera-trusted-documents',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]src[\\/]generated[\\/]graphql\.ts$/.test(id)) return null;
      const result = stripOperationDocuments(code);
      if (result.stripped === 0) this.error('no operation documents with a trusted-document id in src/generated/graphql.ts: run codegen');
      this.info(
        `trusted documents: ${result.stripped} operations sent by id; their documents ${result.bytesBefore} -> ${result.bytesAfter} bytes`,
      );
      return { code: result.code, map: null };
    },
  };
}
