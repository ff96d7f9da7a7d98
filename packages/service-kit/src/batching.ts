/**
 * The shapes DataLoader batch functions answer in: one result per requested key, in request order,
 * from rows fetched in one statement.
 */
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
