/**
 * Recognising PostgreSQL's refusals (as Prisma's driver adapter passes them on) that services turn
 * into user errors: a race lost to a concurrent transaction that a check inside the transaction
 * could not see (the unique index or the exclusion constraint keeps the data right; this tells the
 * caller why).
 */

/** The SQLSTATE of a PostgreSQL error as the Prisma driver adapter passes it on, if any. */
export function sqlStateOf(error: unknown): string | null {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): string | null => {
    if (value === null || typeof value !== 'object' || depth > 5 || seen.has(value)) return null;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (typeof record.originalCode === 'string') return record.originalCode;
    for (const key of ['cause', 'meta', 'driverAdapterError']) {
      const found = visit(record[key], depth + 1);
      if (found) return found;
    }
    return null;
  };
  return visit(error, 0);
}

/** Whether the error is a unique violation (SQLSTATE 23505, Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return sqlStateOf(error) === '23505' || (error as { code?: unknown } | null)?.code === 'P2002';
}

/** Whether the error is an exclusion constraint violation (SQLSTATE 23P01). */
export function isExclusionViolation(error: unknown): boolean {
  return sqlStateOf(error) === '23P01';
}
