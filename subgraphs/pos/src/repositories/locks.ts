import type { PosTx } from '../db.js';

/**
 * Takes a transaction-scoped advisory lock on `key` (held until commit or rollback): work on
 * something that has no row to lock yet (a tenant's next register number) is serialised.
 */
export async function lockKey(tx: PosTx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

/** Whether a failure is PostgreSQL refusing a duplicate (unique violation), optionally of one constraint/index. */
export function isUniqueViolation(error: unknown, name?: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  const text = `${error.message} ${JSON.stringify((error as { meta?: unknown }).meta ?? null)}`;
  const duplicate = code === 'P2002' || text.includes('23505') || text.includes('Unique constraint');
  return duplicate && (name === undefined || text.includes(name) || code === 'P2002');
}
