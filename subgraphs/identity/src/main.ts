// Identity owns tenants, users and sign-in; it has no events.
// Tracing is set up before anything that it instruments is loaded, hence the dynamic imports.
import { startTracing } from '@tessera/service-kit/tracing';

await startTracing({ service: 'identity' });
const { runModuleService } = await import('@tessera/service-kit');
const { identityEnvSchema } = await import('./env.js');
const { createIdentityDb, createIdentitySubgraph } = await import('./index.js');

await runModuleService({
  name: 'identity',
  env: identityEnvSchema,
  events: false,
  secrets: ['JWT_SECRET'],
  port: (env) => env.IDENTITY_PORT,
  db: () => createIdentityDb(),
  subgraph: ({ env, db, secret, logger, probes, introspection }) =>
    createIdentitySubgraph({
      db,
      tokens: { secret: env.JWT_SECRET, ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS },
      secret,
      logger,
      probes,
      introspection,
    }),
});
