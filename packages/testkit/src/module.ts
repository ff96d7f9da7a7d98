/**
 * One harness for every module's tests: the module from its definition, run by the same runtime the
 * host uses, on the test database (DATABASE_PREFIX=tessera_test), on a free port, signed with the
 * test secret. By default no relay or consumer runs: the events a test causes stay in the outbox,
 * under a namespace of the module's own that no relay publishes.
 */
import type { EventEnvelope } from '@tessera/events';
import { inTenantTransaction } from '@tessera/prisma';
import { createLogger, startModule, type ModuleDefinition, type RunningModule, type StartModuleOptions } from '@tessera/service-kit';
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
      const consumer = running.consumers.find((definition) => definition.type === event.type);
      if (!consumer) throw new Error(`${definition.manifest.name} does not consume ${event.type}`);
      await inTenantTransaction(running.db as never, event.tenantId, (tx) => consumer.handle(tx, event));
    }
  };
  return Object.assign(running, { deliver }) as TestModule<Db>;
}
