import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiSchemaOf, composeSupergraph } from '../router/src/compose.js';
import { ROOT } from './paths.js';

describe('supergraph', () => {
  it('schema/supergraph.graphql is what the subgraphs compose to today (run `npm run compose` when this fails)', () => {
    expect(readFileSync(resolve(ROOT, 'schema/supergraph.graphql'), 'utf8')).toBe(composeSupergraph());
  });

  it('schema/api.graphql is the API schema of that supergraph (run `npm run compose` when this fails)', () => {
    expect(readFileSync(resolve(ROOT, 'schema/api.graphql'), 'utf8')).toBe(apiSchemaOf(composeSupergraph()));
  });
});
