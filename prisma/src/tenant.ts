/**
 * Tenant-scoped data access: the code half of tenant isolation. Every unit of work runs in a
 * transaction that first sets `tessera.tenant_id` with set_config(..., is_local => true), so the
 * PostgreSQL row-level security policies (the other half) see the tenant, and the setting dies with
 * the transaction: a pooled connection reused by the next request carries nothing over.
 */

/** Isolation levels and limits accepted for a tenant transaction. */
export interface TenantTransactionOptions {
  isolationLevel?: 'ReadCommitted' | 'RepeatableRead' | 'Serializable';
  maxWait?: number;
  timeout?: number;
}

/** The part of a generated transaction client this layer needs. */
export interface RawExecutor {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
}

/** The part of a generated PrismaClient this layer needs: interactive transactions. */
export interface TransactionalClient<Tx extends RawExecutor> {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: TenantTransactionOptions): Promise<R>;
}

/**
 * How long a unit of work queues for a pooled connection before it fails. Prisma's default (2 s)
 * turned a burst into internal errors (services topology, 100 events/s offered: crm's createContact
 * answered INTERNAL_SERVER_ERROR "Unable to start a transaction in the given time"); waiting is
 * what a busy pool should mean.
 */
const DEFAULT_MAX_WAIT_MS = 10_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs `work` in one transaction bound to `tenantId` (checked to be a UUID: never an empty scope). */
export async function inTenantTransaction<Tx extends RawExecutor, R>(
  client: TransactionalClient<Tx>,
  tenantId: string,
  work: (tx: Tx) => Promise<R>,
  options?: TenantTransactionOptions,
): Promise<R> {
  if (!UUID.test(tenantId)) throw new Error('inTenantTransaction: tenantId must be a UUID');
  return client.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('tessera.tenant_id', ${tenantId}, true)`;
      return work(tx);
    },
    { maxWait: DEFAULT_MAX_WAIT_MS, ...options },
  );
}

/**
 * One request's (or one job's) handle on a module database, bound to one tenant. Repositories take
 * this, run their queries through `run`, and still filter by `tenantId` themselves.
 */
export class TenantScope<Tx extends RawExecutor> {
  constructor(
    private readonly client: TransactionalClient<Tx>,
    readonly tenantId: string,
  ) {}

  /** Runs `work` in a tenant-bound transaction. */
  run<R>(work: (tx: Tx) => Promise<R>, options?: TenantTransactionOptions): Promise<R> {
    return inTenantTransaction(this.client, this.tenantId, work, options);
  }
}

/** A case-insensitive "contains" filter for a Prisma string field; LIKE wildcards in the text match literally. */
export function containsInsensitive(text: string): { contains: string; mode: 'insensitive' } {
  return { contains: text.replace(/[\\%_]/g, (char) => `\\${char}`), mode: 'insensitive' };
}

/**
 * Takes a transaction-scoped advisory lock on `key` (held until commit or rollback): work on one
 * thing that has no row to lock yet (the invoice of a deal) is serialised. 64-bit hash of the key.
 */
export async function advisoryLock(tx: RawExecutor, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}
