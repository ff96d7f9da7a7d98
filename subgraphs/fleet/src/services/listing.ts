import { ErrorCode, pageWindow, TesseraError, toConnection, type Connection, type PageArgs, type PageWindow } from '@tessera/service-kit';
import type { Page } from '../repositories/paging.js';

const MAX_SEARCH_LENGTH = 200;

/** Validates the page arguments (first 0..100, a cursor of this API), fetches one page and builds the connection. */
export async function listPage<T extends { id: string }>(
  args: PageArgs,
  fetch: (window: PageWindow) => Promise<Page<T>>,
): Promise<Connection<T>> {
  const window = pageWindow(args);
  const { rows, totalCount } = await fetch(window);
  return toConnection(rows, window, totalCount);
}

/** A search text: trimmed; blank means no search; longer than 200 characters is refused. */
export function searchText(search: string | null | undefined): string | null {
  const text = search?.trim() ?? '';
  if (text.length > MAX_SEARCH_LENGTH) {
    throw new TesseraError(ErrorCode.BAD_USER_INPUT, `search must be at most ${MAX_SEARCH_LENGTH} characters`);
  }
  return text === '' ? null : text;
}
