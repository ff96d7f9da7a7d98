import { readFileSync, statSync } from 'node:fs';
import type { Logger } from '@tessera/service-kit';

/** A trusted-document id: the SHA-256 of the document's normalised text, as graphql-codegen's client preset writes it. */
export const DOCUMENT_ID_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * The dashboard's registered operations (trusted documents): `persisted-documents.json`, written by
 * graphql-codegen's client preset at build time (`sha256:<hex>` -> document text). Read at start; read
 * again when an id is unknown and the file has changed since (a rebuilt dashboard in development).
 */
export class TrustedDocuments {
  private documents = new Map<string, string>();
  private loadedMtimeMs = -1;

  constructor(
    private readonly path: string | null,
    private readonly logger?: Logger,
  ) {
    this.reload();
  }

  get size(): number {
    return this.documents.size;
  }

  /** The text registered under `id`, if any. */
  get(id: string): string | undefined {
    const found = this.documents.get(id);
    if (found !== undefined) return found;
    return this.reload() ? this.documents.get(id) : undefined;
  }

  /** Reads the manifest when it changed; whether it did. A missing or broken file leaves what was loaded. */
  private reload(): boolean {
    if (!this.path) return false;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(this.path).mtimeMs;
    } catch {
      if (this.loadedMtimeMs === -1) {
        this.loadedMtimeMs = 0;
        this.logger?.warn({ path: this.path }, 'no trusted documents: the dashboard cannot send operations by id until it is built');
      }
      return false;
    }
    if (mtimeMs === this.loadedMtimeMs) return false;
    try {
      const manifest = JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, unknown>;
      const next = new Map<string, string>();
      for (const [id, text] of Object.entries(manifest)) {
        if (DOCUMENT_ID_PATTERN.test(id) && typeof text === 'string') next.set(id, text);
      }
      this.documents = next;
      this.loadedMtimeMs = mtimeMs;
      this.logger?.info({ path: this.path, documents: next.size }, 'trusted documents loaded');
      return true;
    } catch (error) {
      this.logger?.warn({ path: this.path, err: error }, 'trusted documents unreadable: keeping the ones loaded');
      return false;
    }
  }
}

/** Which requests must name a trusted document instead of sending text. */
export interface TrustedDocumentsPolicy {
  documents: TrustedDocuments;
  /** On (production by default): browsers of `origins` may run only trusted documents, unless they send an API key. */
  only: boolean;
  /** The dashboard's origins; `*`: any request that carries an Origin (any browser). */
  origins: string[];
}

export type Resolution =
  | { ok: true; query: string | undefined; trusted: boolean }
  | { ok: false; code: 'BAD_REQUEST' | 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_REQUIRED'; message: string };

/**
 * The operation text of one request (HTTP body or graphql-ws subscribe payload): the registered text of
 * its `documentId` (the GraphQL-over-HTTP persisted-documents field), or the `query` it sent, refused
 * from the dashboard's origins when only trusted documents may run there. API keys may send any
 * operation: an integrator's code is not the dashboard.
 */
export function resolveOperation(
  policy: TrustedDocumentsPolicy | null,
  request: { query?: unknown; documentId?: unknown },
  origin: string | undefined,
  caller: { apiKeyId?: string | null },
): Resolution {
  const { documentId } = request;
  const text = typeof request.query === 'string' && request.query !== '' ? request.query : undefined;
  if (documentId !== undefined && documentId !== null) {
    if (typeof documentId !== 'string' || !DOCUMENT_ID_PATTERN.test(documentId)) {
      return { ok: false, code: 'BAD_REQUEST', message: 'documentId must be "sha256:" followed by 64 lowercase hex digits' };
    }
    if (text !== undefined) return { ok: false, code: 'BAD_REQUEST', message: 'Send either documentId or query, not both' };
    const registered = policy?.documents.get(documentId);
    if (registered === undefined) {
      return { ok: false, code: 'PERSISTED_QUERY_NOT_FOUND', message: `No trusted document has the id ${documentId}` };
    }
    return { ok: true, query: registered, trusted: true };
  }
  if (policy?.only && origin && !caller.apiKeyId && (policy.origins.includes('*') || policy.origins.includes(origin))) {
    return {
      ok: false,
      code: 'PERSISTED_QUERY_REQUIRED',
      message:
        "Requests from the dashboard run only the dashboard's registered operations (send a documentId). To run any other operation, call with an API key (Settings > API keys).",
    };
  }
  return { ok: true, query: text, trusted: false };
}
