import { describe, expect, it } from 'vitest';
import { stripOperationDocuments } from './trusted-documents';

const hash = `sha256:${'a'.repeat(64)}`;
const operation = `export const MeDocument = {"__meta__":{"hash":"${hash}"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;`;
const fragment = `export const CardFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Card"}}]} as unknown as DocumentNode<CardFragment, unknown>;`;

describe('stripOperationDocuments', () => {
  it('leaves of an operation only its trusted-document id, which urql sends instead of the text', () => {
    const result = stripOperationDocuments(`${operation}\n${fragment}\n`);
    expect(result.stripped).toBe(1);
    expect(result.code).toContain(
      `export const MeDocument = {"documentId":"${hash}","kind":"Document","definitions":[]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;`,
    );
    expect(result.code).not.toContain('"selections"');
    expect(result.code).toContain(fragment);
    expect(result.bytesAfter).toBeLessThan(result.bytesBefore);
  });
});
