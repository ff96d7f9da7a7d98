/**
 * References kept inside the tenant (issue 12 item 5). A module that stores another module's ids
 * declares the kinds in its manifest (`references`); the runtime then
 * - runs one consumer per feeding event type (REFERENCE_FEEDS) that copies each id into the
 *   module's `known_references` table, under the event's tenant (row-level security applies), and
 * - gives each request a `References` whose `check` refuses an id the caller's tenant does not have
 *   (unknown, another tenant's, a deleted contact, a terminated employee) with a userError.
 * Nothing calls the owning module. The replica is eventually consistent: an id created a moment ago
 * (a UUIDv7 whose timestamp is recent) that is not there yet is waited for, briefly, so "create a
 * contact, then invoice it" works; anything else is refused at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { defineConsumer, subjectUuid, type ConsumerDefinition, type EventEnvelope, type EventType } from '@tessera/events';
import { REFERENCE_FEEDS, type ReferenceKind } from '@tessera/modules';

export type { ReferenceKind };
import type { RawExecutor, TenantScope } from '@tessera/prisma';
import { userError, type UserError } from './errors.js';
import { isUuid } from './ids.js';

/** A transaction that can read the replica. */
export interface ReferenceTx extends RawExecutor {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
}

/** What one event says of the object it is about. */
interface ReferenceFact {
  active: boolean;
  /** The owner's revision (employees); 0 when the owner keeps none. */
  revision: number;
}

/** How each feeding event type describes its subject. Contacts and deals have no revision: a deletion is final. */
const FACTS: Record<string, (event: EventEnvelope) => ReferenceFact> = {
  'crm.contact.created': () => ({ active: true, revision: 0 }),
  'crm.contact.updated': () => ({ active: true, revision: 0 }),
  'crm.contact.deleted': () => ({ active: false, revision: 0 }),
  'crm.deal.created': () => ({ active: true, revision: 0 }),
  'crm.deal.stage_changed': () => ({ active: true, revision: 0 }),
  'crm.deal.won': () => ({ active: true, revision: 0 }),
  'crm.deal.lost': () => ({ active: true, revision: 0 }),
  'commerce.location.created': () => ({ active: true, revision: 0 }),
  'hr.employee.hired': (event) => ({ active: true, revision: (event.data as { revision: number }).revision }),
  'hr.employee.updated': (event) => {
    const data = event.data as { revision: number; status: string };
    return { active: data.status !== 'TERMINATED', revision: data.revision };
  },
  'hr.employee.terminated': (event) => ({ active: false, revision: (event.data as { revision: number }).revision }),
};

/**
 * Records what an event says of its subject. Order-independent: a higher revision wins; at the same
 * revision an inactive state is final (a contact's deletion replayed before its creation still
 * leaves it deleted), so replays, duplicates and reorderings converge on the same row.
 */
export async function applyReferenceFact(
  tx: RawExecutor,
  tenantId: string,
  kind: ReferenceKind,
  id: string,
  fact: ReferenceFact,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO known_references (tenant_id, kind, id, active, revision)
    VALUES (${tenantId}::uuid, ${kind}, ${id}::uuid, ${fact.active}, ${fact.revision})
    ON CONFLICT (tenant_id, kind, id) DO UPDATE SET
      active = CASE
        WHEN EXCLUDED.revision > known_references.revision THEN EXCLUDED.active
        WHEN EXCLUDED.revision = known_references.revision THEN known_references.active AND EXCLUDED.active
        ELSE known_references.active END,
      revision = GREATEST(known_references.revision, EXCLUDED.revision),
      updated_at = now()`;
}

/** The consumers that keep a module's replicas: `<module>-ref-<event type>`, one per feeding event type. */
export function referenceConsumers<Tx extends RawExecutor>(module: string, kinds: readonly ReferenceKind[]): ConsumerDefinition<Tx>[] {
  return kinds.flatMap((kind) =>
    REFERENCE_FEEDS[kind].events.map((type) => {
      const fact = FACTS[type];
      if (!fact) throw new Error(`references: no rule for ${type}`);
      return defineConsumer<Tx, EventType>({
        name: `${module}-ref-${type.replaceAll('.', '-').replaceAll('_', '-')}`,
        type: type as EventType,
        handle: (tx, event) => applyReferenceFact(tx, event.tenantId, kind, subjectUuid(event), fact(event as EventEnvelope)),
      });
    }),
  );
}

/** One id a write names: what it should be, and the input field it came from. */
export interface WantedReference {
  kind: ReferenceKind;
  /** The id as the caller gave it; null or undefined: none given (nothing to check). */
  id: string | null | undefined;
  field: string[];
}

export interface ReferenceOptions {
  /** How long an unknown id created a moment ago is waited for (default 3 s; `REFERENCE_WAIT_MS`). */
  waitMs?: number;
  /** How recent a UUIDv7's timestamp must be for the id to be waited for (default 60 s). */
  freshMs?: number;
  /** Pause between looks while waiting (default 50 ms). */
  pollMs?: number;
  now?: () => Date;
}

/**
 * A check queues for a connection as patiently as the write behind it (Prisma's default, 2 s, turns a
 * burst of writes into internal errors when the pool is busy).
 */
const CHECK_TRANSACTION = { maxWait: 10_000 };

/**
 * Look-ups in flight in this process at once. A burst of writes naming an id that is still on its
 * way polls the replica; without a bound, each poller takes a pooled connection of its own and a
 * host running many modules can exhaust the server's connections. Waiters hold no connection.
 */
const LOOKUPS_AT_ONCE = 4;
let lookupsInFlight = 0;
const lookupQueue: (() => void)[] = [];

async function limitedLookup<T>(work: () => Promise<T>): Promise<T> {
  if (lookupsInFlight < LOOKUPS_AT_ONCE) lookupsInFlight += 1;
  else await new Promise<void>((resolve) => lookupQueue.push(resolve)); // the releaser hands its slot over
  try {
    return await work();
  } finally {
    const next = lookupQueue.shift();
    if (next) next();
    else lookupsInFlight -= 1;
  }
}

const NAMES: Record<ReferenceKind, string> = { contact: 'contact', deal: 'deal', employee: 'employee', location: 'stock location' };

/** When a UUIDv7 was made (its first 48 bits), or null for any other id. */
export function uuidV7Time(id: string): number | null {
  if (!isUuid(id) || id[14] !== '7') return null;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** One request's reference checks, bound to the caller's tenant. */
export class References {
  private readonly waitMs: number;
  private readonly freshMs: number;
  private readonly pollMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly scope: TenantScope<ReferenceTx>,
    options: ReferenceOptions = {},
  ) {
    this.waitMs = options.waitMs ?? 3000;
    this.freshMs = options.freshMs ?? 60_000;
    this.pollMs = options.pollMs ?? 50;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The userErrors of the ids the tenant does not have: NOT_FOUND ("No such contact") for an unknown
   * one, another tenant's or a deleted contact (the same answer: nothing about other tenants leaks),
   * EMPLOYEE_TERMINATED for a terminated employee. Ids that are not UUIDs are the caller's to refuse
   * (INVALID_ID) and skipped here. Runs in its own short transactions, before the write.
   */
  async check(wanted: readonly WantedReference[]): Promise<UserError[]> {
    const given = wanted.filter((want): want is WantedReference & { id: string } => typeof want.id === 'string' && isUuid(want.id));
    if (given.length === 0) return [];
    const started = Date.now();
    for (;;) {
      const states = await this.states(given);
      const missing = given.filter((want) => !states.has(`${want.kind}:${want.id.toLowerCase()}`));
      const waiting = missing.some((want) => this.fresh(want.id));
      if (missing.length === 0 || !waiting || Date.now() - started >= this.waitMs) {
        return given.flatMap((want) => {
          const active = states.get(`${want.kind}:${want.id.toLowerCase()}`);
          if (active === true) return [];
          if (active === false && want.kind === 'employee')
            return [userError('EMPLOYEE_TERMINATED', 'The employee is terminated: nothing new can be assigned to them', want.field)];
          return [userError('NOT_FOUND', `No such ${NAMES[want.kind]}`, want.field)];
        });
      }
      await sleep(this.pollMs);
    }
  }

  /** Whether an id may have been made too recently for its owner's event to have arrived. */
  private fresh(id: string): boolean {
    const made = uuidV7Time(id);
    if (made === null) return false;
    const age = this.now().getTime() - made;
    return age < this.freshMs && age > -this.freshMs;
  }

  private async states(wanted: readonly (WantedReference & { id: string })[]): Promise<Map<string, boolean>> {
    const kinds = wanted.map((want) => want.kind);
    const ids = wanted.map((want) => want.id.toLowerCase());
    const tenantId = this.scope.tenantId;
    type Row = { kind: string; id: string; active: boolean };
    const rows = await limitedLookup(() =>
      this.scope.run(
        async (tx): Promise<Row[]> =>
          tx.$queryRaw<Row[]>`
        SELECT r.kind, r.id::text AS id, r.active
          FROM known_references r
          JOIN unnest(${kinds}::text[], ${ids}::uuid[]) AS w(kind, id) ON r.kind = w.kind AND r.id = w.id
         WHERE r.tenant_id = ${tenantId}::uuid`,
        CHECK_TRANSACTION,
      ),
    );
    return new Map(rows.map((row) => [`${row.kind}:${row.id}`, row.active]));
  }
}
