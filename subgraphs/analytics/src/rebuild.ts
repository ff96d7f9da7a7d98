/**
 * `npm run rebuild -w @tessera/analytics [-- --tenant <id>]`: wipes analytics' read models (every
 * tenant, or one) and replays the streams of the modules it reads into them from the start.
 * Stop the analytics service first. Needs DATABASE_URL (an administrator: it lists the tenants and
 * holds the read-model lock), NATS_URL and EVENTS_NAMESPACE like the service.
 */
import { parseArgs } from 'node:util';
import { connectEventBus } from '@tessera/events';
import { createLogger, moduleEnvSchema, parseEnv } from '@tessera/service-kit';
import analytics, { createAnalyticsDb, rebuildReadModels } from './index.js';

const { values } = parseArgs({ options: { tenant: { type: 'string' } } });
const env = parseEnv(moduleEnvSchema(analytics));
const logger = createLogger('analytics-rebuild', env.LOG_LEVEL);
const db = createAnalyticsDb({ poolMax: env.DB_POOL_MAX });
const bus = await connectEventBus({
  url: env.NATS_URL,
  namespace: env.EVENTS_NAMESPACE,
  name: 'analytics-rebuild',
  user: 'operator',
  logger,
});
try {
  const report = await rebuildReadModels({ db, bus, logger, ...(values.tenant ? { tenantId: values.tenant } : {}) });
  process.stdout.write(
    `analytics rebuilt: ${report.tenantsWiped} tenant(s) wiped, ${report.applied} event(s) applied for ${report.tenantsReplayed} tenant(s), ` +
      `${report.ignored} ignored, ${report.invalid} invalid skipped; messages read: ${JSON.stringify(report.streams)}\n`,
  );
} catch (error) {
  process.stderr.write(
    `analytics rebuild failed: ${error instanceof Error ? error.message : String(error)}\n` +
      'If it failed after the wipe, the read models are partly rebuilt: run it again (it starts over).\n',
  );
  process.exitCode = 1;
} finally {
  await bus.close();
  await db.$disconnect();
}
