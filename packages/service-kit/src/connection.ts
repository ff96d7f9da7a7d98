import { TesseraError, ErrorCode } from './errors.js';
import { isUuid } from './ids.js';

/** Arguments of a Relay connection field. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface PageWindow {
  /** rows to return (the repository fetches one more to learn whether a next page exists) */
  take: number;
  /** id after which the page starts, decoded from the cursor */
  afterId: string | null;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
const CURSOR_PREFIX = 'id:';

export function encodeCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.slice(CURSOR_PREFIX.length);
  if (!decoded.startsWith(CURSOR_PREFIX) || !isUuid(id)) {
    throw new TesseraError(ErrorCode.BAD_USER_INPUT, 'Invalid cursor: use a cursor returned by this connection');
  }
  return id;
}

/** Validates `first` (1..100, default 20) and decodes `after`. Rows are ordered by their time-ordered id. */
export function pageWindow(args: PageArgs): PageWindow {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new TesseraError(ErrorCode.BAD_USER_INPUT, `first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return { take: first, afterId: args.after ? decodeCursor(args.after) : null };
}

/**
 * Builds a connection from up to `take + 1` rows fetched after the caller's cursor (`after`, null on
 * the first page): each row's cursor from `cursorOf`; an empty page ends at `emptyEnd`.
 */
export function connectionOf<T>(
  rows: T[],
  page: { take: number; after: string | null; emptyEnd?: string | null },
  totalCount: number,
  cursorOf: (node: T) => string,
): Connection<T> {
  const edges = rows.slice(0, page.take).map((node) => ({ cursor: cursorOf(node), node }));
  return {
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > page.take,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? page.emptyEnd ?? null,
    },
    edges,
  };
}

/** Builds a connection from up to `take + 1` rows fetched in id order after the cursor. */
export function toConnection<T extends { id: string }>(rows: T[], window: PageWindow, totalCount: number): Connection<T> {
  return connectionOf(rows, { take: window.take, after: window.afterId }, totalCount, (node) => encodeCursor(node.id));
}

/** Up to `take + 1` rows of a page, in id order, and the count of all rows matching the filter. */
export interface Page<T> {
  rows: T[];
  totalCount: number;
}

/** Validates the page arguments (first 0..100, a cursor of this API), fetches one page and builds the connection. */
export async function listPage<T extends { id: string }>(
  args: PageArgs,
  fetch: (window: PageWindow) => Promise<Page<T>>,
): Promise<Connection<T>> {
  const window = pageWindow(args);
  const { rows, totalCount } = await fetch(window);
  return toConnection(rows, window, totalCount);
}

export const MAX_SEARCH_LENGTH = 200;

/** A search text: trimmed; blank means no search; longer than 200 characters is refused. */
export function searchText(search: string | null | undefined): string | null {
  const text = search?.trim() ?? '';
  if (text.length > MAX_SEARCH_LENGTH) {
    throw new TesseraError(ErrorCode.BAD_USER_INPUT, `search must be at most ${MAX_SEARCH_LENGTH} characters`);
  }
  return text === '' ? null : text;
}
