import { pageWindow, toConnection, type Connection, type PageArgs, type PageWindow } from '@tessera/service-kit';
import type { Page } from '../repositories/paging.js';

/** Validates the page arguments (first 0..100, a cursor of this API), fetches one page and builds the connection. */
export async function listPage<T extends { id: string }>(
  args: PageArgs,
  fetch: (window: PageWindow) => Promise<Page<T>>,
): Promise<Connection<T>> {
  const window = pageWindow(args);
  const { rows, totalCount } = await fetch(window);
  return toConnection(rows, window, totalCount);
}
