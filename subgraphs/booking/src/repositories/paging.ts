import type { PageWindow } from '@tessera/service-kit';
import type { Prisma } from '../generated/prisma/client.js';

/** What a repository needs to fetch one page: `take + 1` rows after `afterId`, in id order. */
export type PageQuery = PageWindow;

/** Up to `take + 1` rows of a page and the count of all rows matching the filter. */
export interface Page<T> {
  rows: T[];
  totalCount: number;
}

/** A case-insensitive "contains" filter; LIKE wildcards in the text match literally. */
export function containsInsensitive(text: string): Prisma.StringFilter & Prisma.StringNullableFilter {
  return { contains: text.replace(/[\\%_]/g, (char) => `\\${char}`), mode: 'insensitive' };
}
