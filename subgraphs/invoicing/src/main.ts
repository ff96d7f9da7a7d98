import { createLogger, onShutdown } from '@tessera/service-kit';
import { loadInvoicingEnv } from './env.js';
import { createInvoicingDb, createInvoicingSubgraph } from './index.js';

const env = loadInvoicingEnv();
const logger = createLogger('invoicing', env.LOG_LEVEL);
const db = createInvoicingDb({ poolMax: env.DB_POOL_MAX });
const subgraph = createInvoicingSubgraph({ db, secret: env.INTERNAL_CONTEXT_SECRET, logger });
const running = await subgraph.listen(env.INVOICING_PORT);
onShutdown(logger, running.stop);
