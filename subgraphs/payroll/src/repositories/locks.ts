import type { PayrollTx } from '../db.js';

/**
 * Takes a transaction-scoped advisory lock on `key` (held until commit or rollback): work on one
 * thing that may not exist yet as a row (a deal's commission, an employee's profile, a tenant's
 * pay runs) is serialised across transactions, including event handlers running side by side.
 */
export async function lockKey(tx: PayrollTx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}
