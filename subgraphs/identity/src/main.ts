import { createLogger, onShutdown } from '@tessera/service-kit';
import { loadIdentityEnv } from './env.js';
import { createIdentityDb, createIdentitySubgraph } from './index.js';

const env = loadIdentityEnv();
const logger = createLogger('identity', env.LOG_LEVEL);
const db = createIdentityDb();
const subgraph = createIdentitySubgraph({
  db,
  tokens: { secret: env.JWT_SECRET, ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS },
  secret: env.INTERNAL_CONTEXT_SECRET,
  logger,
});
const running = await subgraph.listen(env.IDENTITY_PORT, env.HOST);
onShutdown(logger, running.stop);
