import type { PageWindow } from '@tessera/service-kit';

/** What a repository needs to fetch one page: `take + 1` rows after `afterId`, in id order. */
export type PageQuery = PageWindow;

/** Up to `take + 1` rows of a page and the count of all rows matching the filter. */
export interface Page<T> {
  rows: T[];
  totalCount: number;
}
