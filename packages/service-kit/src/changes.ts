/**
 * "Changes since" (issue 15 item 5): the list fields integrators sync take `updatedSince`, and then
 * return the rows changed at or after it, oldest change first, with a cursor on (updatedAt, id), so an
 * integration polls with the last cursor it saw and never misses a change nor sees one twice.
 *
 * Never missing one needs care: a row's updatedAt is stamped when its statement runs, but the row only
 * becomes visible when its transaction commits, possibly later than rows stamped after it. So a page
 * only reaches up to the settled horizon: just before the start of the oldest transaction still open
 * on the module's database (or now, when none is), less a margin for clock skew between the module's
 * processes and the database. Anything stamped after the horizon waits for the next poll; anything
 * stamped before it has committed (or never will).
 */
import type { RawExecutor } from '@tessera/prisma';
import { ErrorCode, TesseraError } from './errors.js';
import { isUuid } from './ids.js';
import { connectionOf, DEFAULT_PAGE_SIZE, listPage, MAX_PAGE_SIZE, type Connection, type Page, type PageWindow } from './connection.js';

/** Arguments of a list field that can return changes. */
export interface ChangesArgs {
  first?: number | null;
  after?: string | null;
  updatedSince?: Date | null;
}

/** One page of changes: rows with since <= updatedAt <= until, after the cursor, by (updatedAt, id). */
export interface ChangesWindow {
  take: number;
  since: Date;
  until: Date;
  after: { updatedAt: Date; id: string } | null;
}

/** Margin for clock skew between a module's processes and its database. */
export const CHANGES_SKEW_MS = 2000;
const CURSOR_PREFIX = 'changed:';

export function encodeChangesCursor(row: { updatedAt: Date; id: string }): string {
  return Buffer.from(`${CURSOR_PREFIX}${row.updatedAt.toISOString()}|${row.id}`, 'utf8').toString('base64url');
}

function decodeChangesCursor(cursor: string): { updatedAt: Date; id: string } {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const [at, id] = decoded.slice(CURSOR_PREFIX.length).split('|');
  const updatedAt = new Date(at ?? '');
  if (!decoded.startsWith(CURSOR_PREFIX) || !id || !isUuid(id) || Number.isNaN(updatedAt.getTime())) {
    throw new TesseraError(
      ErrorCode.BAD_USER_INPUT,
      'Invalid cursor: with updatedSince, use a cursor returned by a query with updatedSince',
    );
  }
  return { updatedAt, id };
}

/** Where a list runs its transaction (a TenantScope). */
export interface TransactionScope<Tx> {
  run<R>(work: (tx: Tx) => Promise<R>): Promise<R>;
}

/** The transaction part the horizon query needs. */
export interface HorizonTx extends RawExecutor {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
}

/**
 * The settled horizon, read in the transaction of the page: the start of the oldest other transaction
 * open on this database (sessions of the module's own role are visible to it), or the database's now,
 * less CHANGES_SKEW_MS.
 */
export async function settledHorizon(tx: HorizonTx): Promise<Date> {
  const [row] = await tx.$queryRaw<{ horizon: Date }[]>`
    SELECT LEAST(
             now(),
             (SELECT min(xact_start) FROM pg_stat_activity
               WHERE datname = current_database() AND pid <> pg_backend_pid()
                 AND backend_type = 'client backend' AND xact_start IS NOT NULL)
           ) - make_interval(secs => ${CHANGES_SKEW_MS / 1000}) AS horizon`;
  return row!.horizon;
}

/** Validates `first` and the cursor of a changes query; `until` is read later, in the page's transaction. */
export function changesWindow(args: ChangesArgs & { updatedSince: Date }): Omit<ChangesWindow, 'until'> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new TesseraError(ErrorCode.BAD_USER_INPUT, `first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return { take: first, since: args.updatedSince, after: args.after ? decodeChangesCursor(args.after) : null };
}

/** The Prisma filter of a changes window (AND it with the list's own filter). */
export function changesWhere(window: ChangesWindow) {
  const range = { updatedAt: { gte: window.since, lte: window.until } };
  if (!window.after) return range;
  const { updatedAt, id } = window.after;
  return { AND: [range, { OR: [{ updatedAt: { gt: updatedAt } }, { updatedAt, id: { gt: id } }] }] };
}

/** The order of a changes window. */
export const CHANGES_ORDER = [{ updatedAt: 'asc' as const }, { id: 'asc' as const }];

/** Builds the connection of up to `take + 1` changed rows; totalCount counts the changes in [since, until]. */
export function toChangesConnection<T extends { id: string; updatedAt: Date }>(
  rows: T[],
  window: ChangesWindow,
  totalCount: number,
): Connection<T> {
  const after = window.after ? encodeChangesCursor(window.after) : null;
  // An empty page keeps the caller's place: polling again with it resumes where it was.
  return connectionOf(rows, { take: window.take, after, emptyEnd: after }, totalCount, encodeChangesCursor);
}

/** Runs a changes page: reads the horizon and fetches in one transaction of `scope`, then builds the connection. */
export async function changesPage<T extends { id: string; updatedAt: Date }, Tx extends HorizonTx>(
  args: ChangesArgs & { updatedSince: Date },
  scope: TransactionScope<Tx>,
  fetch: (tx: Tx, window: ChangesWindow) => Promise<Page<T>>,
): Promise<Connection<T>> {
  const partial = changesWindow(args);
  const { window, page } = await scope.run(async (tx) => {
    const full: ChangesWindow = { ...partial, until: await settledHorizon(tx) };
    return { window: full, page: await fetch(tx, full) };
  });
  return toChangesConnection(page.rows, window, page.totalCount);
}

/** The window of a list field: a page in id order, or (with updatedSince) a window of changes. */
export type ListWindow = PageWindow | ChangesWindow;

export function isChangesWindow(window: ListWindow): window is ChangesWindow {
  return 'since' in window;
}

/**
 * The findMany arguments of a list's window over the list's own filter `where`: id order after the
 * cursor, or changes order inside the window (one more row than asked, to learn about a next page).
 */
export function listFindArgs<W extends object>(where: W, window: ListWindow): { where: W; orderBy: any; take: number } {
  if (isChangesWindow(window)) return { where: { AND: [where, changesWhere(window)] } as W, orderBy: CHANGES_ORDER, take: window.take + 1 };
  return {
    where: (window.afterId ? { AND: [where, { id: { gt: window.afterId } }] } : where) as W,
    orderBy: { id: 'asc' },
    take: window.take + 1,
  };
}

/** What a list's totalCount counts: the filter's rows, or its changes inside [since, until]. */
export function listCountWhere<W extends object>(where: W, window: ListWindow): W {
  if (!isChangesWindow(window)) return where;
  return { AND: [where, { updatedAt: { gte: window.since, lte: window.until } }] } as W;
}

/**
 * A list field's answer: a page in id order, or with `updatedSince` a window of changes (see above).
 * `scope` gives the tenant transaction; `fetch` runs the repository's page query in it.
 */
export function listOrChanges<T extends { id: string; updatedAt: Date }, Tx extends HorizonTx>(
  args: ChangesArgs,
  scope: TransactionScope<Tx>,
  fetch: (tx: Tx, window: ListWindow) => Promise<Page<T>>,
): Promise<Connection<T>> {
  if (args.updatedSince) return changesPage({ ...args, updatedSince: args.updatedSince }, scope, fetch);
  return listPage(args, (window) => scope.run((tx) => fetch(tx, window)));
}
