import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { introspectionOf } from './caller-schema.js';

const kindOf = (source: string) => {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return introspectionOf(document, operation);
};

describe('introspectionOf', () => {
  it('tells introspection alone, mixed with data, and none, through fragments and cycles', () => {
    expect(kindOf('{ __schema { queryType { name } } __typename }')).toBe('only');
    expect(kindOf('{ ...A } fragment A on Query { ... on Query { __type(name: "X") { name } } }')).toBe('only');
    expect(kindOf('{ __schema { types { name } } me { id } }')).toBe('mixed');
    expect(
      kindOf('{ ...A } fragment A on Query { __schema { types { name } } ...B } fragment B on Query { contacts { totalCount } ...A }'),
    ).toBe('mixed');
    expect(kindOf('{ me { id } __typename }')).toBe('none');
  });
});
