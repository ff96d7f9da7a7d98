/**
 * One harness for every module's tests: the module from its definition, run by the same runtime the
 * host uses, on the test database (DATABASE_PREFIX=tessera_test), on a free port, signed with the
 * test secret. By default no relay or consumer runs: the events a test causes stay in the outbox,
 * under a namespace of the module's own that no relay publishes.
 */
import { createEnvelope, isStreamWide, type EventEnvelope } from '@tessera/events';
import type { ReferenceKind } from '@tessera/service-kit';
import { inTenantTransaction } from '@tessera/prisma';
import {
  createLogger,
  isUuid,
  startModule,
  type ModuleDefinition,
  type RunningModule,
  type StartModuleOptions,
} from '@tessera/service-kit';
import { TEST_INTERNAL_SECRET } from './index.js';

export interface TestModuleOptions extends Partial<Omit<StartModuleOptions, 'listen'>> {
  /** Emit every statement as a `query` event (to count them). */
  logQueries?: boolean;
  poolMax?: number;
}

export type TestModule<Db> = RunningModule<Db> & {
  url: string;
  /** Runs the module's consumer of each event's type the way the event framework does: in a transaction bound to its tenant. */
  deliver(...events: EventEnvelope[]): Promise<void>;
};

/** The bus namespace a module's tests record under (no relay publishes it). */
export const testOutboxNamespace = (module: string) => `${module}_tests`;

export async function startTestModule<Db>(definition: ModuleDefinition, options: TestModuleOptions = {}): Promise<TestModule<Db>> {
  const { logQueries, poolMax, ...rest } = options;
  const running = await startModule<Db>(definition, {
    logger: createLogger(definition.manifest.name, process.env.TEST_LOG_LEVEL ?? 'silent'),
    namespace: testOutboxNamespace(definition.manifest.name),
    events: false,
    secret: TEST_INTERNAL_SECRET,
    introspection: true,
    ...rest,
    db: { ...(logQueries === undefined ? {} : { logQueries }), ...(poolMax === undefined ? {} : { poolMax }), ...rest.db },
    listen: { port: 0 },
  });
  const deliver = async (...events: EventEnvelope[]) => {
    for (const event of events) {
      const consumer = running.consumers.find(
        (definition) =>
          definition.type === event.type || (isStreamWide(definition.type) && event.type.startsWith(definition.type.slice(0, -1))),
      );
      if (!consumer) throw new Error(`${definition.manifest.name} does not consume ${event.type}`);
      delivered += 1;
      const streamSeq = delivered;
      await inTenantTransaction(running.db as never, event.tenantId, (tx) => consumer.handle(tx, event, { streamSeq }));
    }
  };
  const module = Object.assign(running, { deliver }) as TestModule<Db>;
  byUrl.set(module.url, module);
  return module;
}

/** Stream positions of the events tests deliver by hand: increasing, like a stream's. */
let delivered = 0;

const byUrl = new Map<string, TestModule<unknown>>();

/** The events that tell a module an id is the tenant's (what crm or hr would publish). */
function announcement(tenantId: string, kind: ReferenceKind, id: string): EventEnvelope {
  switch (kind) {
    case 'contact':
      return createEnvelope('crm', {
        type: 'crm.contact.created',
        tenantId,
        subjectId: id,
        data: { name: 'Contact', email: null, companyId: null },
      });
    case 'deal':
      return createEnvelope('crm', {
        type: 'crm.deal.created',
        tenantId,
        subjectId: id,
        data: { title: 'Deal', contactId: id, ownerId: null, stage: 'LEAD', amount: { amount: '1.00', currency: 'EUR' } },
      });
    case 'location':
      return createEnvelope('commerce', {
        type: 'commerce.location.created',
        tenantId,
        subjectId: id,
        data: { name: 'Shop', kind: 'SHOP' },
      });
    case 'employee':
      return createEnvelope('hr', {
        type: 'hr.employee.hired',
        tenantId,
        subjectId: id,
        data: {
          name: 'Employee',
          email: 'e@example.com',
          jobTitle: null,
          departmentId: null,
          managerId: null,
          hiredAt: '2026-01-01',
          salary: null,
          revision: 1,
        },
      });
  }
}

/**
 * Tells the module running at `url` (started by startTestModule) that these contacts, deals or
 * employees are the tenant's, through its reference consumers, the way crm's and hr's events would.
 */
export async function announceReferences(
  url: string,
  tenantId: string,
  references: Partial<Record<ReferenceKind, readonly (string | null | undefined)[]>>,
): Promise<void> {
  const module = byUrl.get(url);
  if (!module) throw new Error(`announceReferences: no test module runs at ${url}`);
  const kinds = new Set(module.definition.manifest.references);
  const events = Object.entries(references).flatMap(([kind, ids]) =>
    kinds.has(kind as ReferenceKind)
      ? (ids ?? []).flatMap((id) => (id && isUuid(id) ? [announcement(tenantId, kind as ReferenceKind, id)] : []))
      : [],
  );
  await module.deliver(...events);
}
