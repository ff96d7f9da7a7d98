import { createLogger, onShutdown } from '@tessera/service-kit';
import { loadCrmEnv } from './env.js';
import { createCrmDb, createCrmSubgraph } from './index.js';

const env = loadCrmEnv();
const logger = createLogger('crm', env.LOG_LEVEL);
const subgraph = createCrmSubgraph({ db: createCrmDb(), secret: env.INTERNAL_CONTEXT_SECRET, logger });
const running = await subgraph.listen(env.CRM_PORT, env.HOST);
onShutdown(logger, running.stop);
