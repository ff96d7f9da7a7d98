/**
 * The shapes DataLoader batch functions answer in: one result per requested key, in request order,
 * from rows fetched in one statement.
 */
import DataLoader from 'dataloader';
import { isUuid } from './ids.js';

/** Keeps only well-formed ids, once each: anything else cannot exist and must not reach a uuid column. */
export function distinctUuids(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isUuid))];
}

/** For each id, the first row whose key is that id, or null. */
export function oneByKey<T>(ids: readonly string[], rows: readonly T[], key: (row: T) => string): (T | null)[] {
  const map = new Map<string, T>();
  for (const row of rows) if (!map.has(key(row))) map.set(key(row), row);
  return ids.map((id) => map.get(id) ?? null);
}

/** For each id, the rows whose key is that id, in fetched order (rows without a key are left out). */
export function manyByKey<T>(ids: readonly string[], rows: readonly T[], key: (row: T) => string | null): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const parent = key(row);
    if (parent === null) continue;
    const list = map.get(parent);
    if (list) list.push(row);
    else map.set(parent, [row]);
  }
  return ids.map((id) => map.get(id) ?? []);
}

/** DataLoader options every module uses: one SQL statement per 1,000 keys at most. */
export const LOADER_OPTIONS = { maxBatchSize: 1000 } as const;

/** What loaders run their batch queries in: the request's tenant scope. */
export interface LoaderScope<Tx> {
  run<R>(work: (tx: Tx) => Promise<R>): Promise<R>;
}

/**
 * The one way modules build their request's DataLoaders: each batch is one SQL statement in one
 * tenant transaction, ids that cannot be UUIDs never reach the database (they match nothing), and
 * answers come back in request order.
 */
export function tenantLoaders<Tx>(scope: LoaderScope<Tx>) {
  async function fetch<T>(ids: readonly string[], query: (tx: Tx, ids: string[]) => Promise<T[]>): Promise<T[]> {
    const wanted = distinctUuids(ids);
    return wanted.length === 0 ? [] : scope.run((tx) => query(tx, wanted));
  }
  return {
    /** Rows by their id (null: none, or not the tenant's). */
    byId<T extends { id: string }>(query: (tx: Tx, ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
      return new DataLoader(async (ids) => oneByKey(ids, await fetch(ids, query), (row) => row.id), LOADER_OPTIONS);
    },
    /** One row per key other than the id (e.g. the pay profile of an employee). */
    byKey<T>(query: (tx: Tx, keys: string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T | null> {
      return new DataLoader(async (keys) => oneByKey(keys, await fetch(keys, query), keyOf), LOADER_OPTIONS);
    },
    /** The rows of many parents at once, grouped by parent id (rows keep the order fetched). */
    byParent<T>(query: (tx: Tx, parentIds: string[]) => Promise<T[]>, parentOf: (row: T) => string | null): DataLoader<string, T[]> {
      return new DataLoader(async (ids) => manyByKey(ids, await fetch(ids, query), parentOf), LOADER_OPTIONS);
    },
    /** A value computed per key in one statement (counts, sums), `fallback` for keys without one. */
    values<V>(query: (tx: Tx, keys: string[]) => Promise<Map<string, V>>, fallback: V): DataLoader<string, V> {
      return new DataLoader(async (keys) => {
        const wanted = distinctUuids(keys);
        const found = wanted.length === 0 ? new Map<string, V>() : await scope.run((tx) => query(tx, wanted));
        return keys.map((key) => found.get(key) ?? fallback);
      }, LOADER_OPTIONS);
    },
  };
}

/** One loader per distinct argument set (e.g. `first: 5` vs `first: 10`), made when first asked for. */
export function perArguments<A, L>(make: (args: A) => L): (args: A) => L {
  const made = new Map<string, L>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = made.get(key);
    if (!loader) made.set(key, (loader = make(args)));
    return loader;
  };
}

/** Seeds a by-id loader with rows already fetched (a list page), so references to them cost nothing. */
export function primed<T extends { id: string }>(loader: DataLoader<string, T | null>, rows: T[]): T[] {
  for (const row of rows) loader.prime(row.id, row);
  return rows;
}
