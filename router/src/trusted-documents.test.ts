import { mkdtempSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveOperation, TrustedDocuments, type TrustedDocumentsPolicy } from './trusted-documents.js';

const id = (digit: string) => `sha256:${digit.repeat(64)}`;

function manifestFile(content: Record<string, string>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'trusted-')), 'persisted-documents.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('TrustedDocuments', () => {
  it('reads the manifest, and again when an id is unknown and the file changed (a rebuilt dashboard)', () => {
    const path = manifestFile({ [id('a')]: 'query A { __typename }', 'not-an-id': 'query B { __typename }' });
    const documents = new TrustedDocuments(path);
    expect(documents.size).toBe(1);
    expect(documents.get(id('a'))).toBe('query A { __typename }');
    expect(documents.get(id('b'))).toBeUndefined();
    writeFileSync(path, JSON.stringify({ [id('b')]: 'query B { __typename }' }));
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    expect(documents.get(id('b'))).toBe('query B { __typename }');
    expect(documents.get(id('a'))).toBeUndefined();
  });

  it('keeps what it had when the file goes or breaks, and starts empty without one', () => {
    const path = manifestFile({ [id('a')]: 'query A { __typename }' });
    const documents = new TrustedDocuments(path);
    writeFileSync(path, '{ broken');
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    expect(documents.get(id('a'))).toBe('query A { __typename }');
    expect(new TrustedDocuments(join(tmpdir(), 'no-such-dir', 'x.json')).size).toBe(0);
  });
});

describe('resolveOperation', () => {
  const policy = (only: boolean, origins = ['https://app.example']): TrustedDocumentsPolicy => ({
    documents: new TrustedDocuments(manifestFile({ [id('a')]: 'query A { __typename }' })),
    only,
    origins,
  });
  const user = { apiKeyId: null };

  it('gives a registered id its text, and refuses unknown, malformed and doubled ids', () => {
    expect(resolveOperation(policy(true), { documentId: id('a') }, 'https://app.example', user)).toEqual({
      ok: true,
      query: 'query A { __typename }',
      trusted: true,
    });
    expect(resolveOperation(policy(false), { documentId: id('f') }, undefined, user)).toMatchObject({
      ok: false,
      code: 'PERSISTED_QUERY_NOT_FOUND',
    });
    expect(resolveOperation(policy(false), { documentId: 'A' }, undefined, user)).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(resolveOperation(policy(false), { documentId: id('a'), query: '{ me { id } }' }, undefined, user)).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
    });
    expect(resolveOperation(null, { documentId: id('a') }, undefined, user)).toMatchObject({
      ok: false,
      code: 'PERSISTED_QUERY_NOT_FOUND',
    });
  });

  it('refuses text only from the dashboard origins, only when enforced, never for an API key', () => {
    const text = { query: '{ me { id } }' };
    expect(resolveOperation(policy(true), text, 'https://app.example', user)).toMatchObject({
      ok: false,
      code: 'PERSISTED_QUERY_REQUIRED',
    });
    expect(resolveOperation(policy(true), text, 'https://other.example', user)).toMatchObject({ ok: true, trusted: false });
    expect(resolveOperation(policy(true), text, undefined, user)).toMatchObject({ ok: true, query: '{ me { id } }' });
    expect(resolveOperation(policy(true), text, 'https://app.example', { apiKeyId: 'k1' })).toMatchObject({ ok: true });
    expect(resolveOperation(policy(false), text, 'https://app.example', user)).toMatchObject({ ok: true });
    expect(resolveOperation(policy(true, ['*']), text, 'https://any.example', user)).toMatchObject({
      ok: false,
      code: 'PERSISTED_QUERY_REQUIRED',
    });
  });
});
