import { defineConfig } from 'vitest/config';

const shared = {
  // Test streams are small: JetStream reserves each stream's size limit on the shared server.
  env: { DATABASE_PREFIX: 'tessera_test', LOG_LEVEL: 'silent', NODE_ENV: 'test', EVENTS_STREAM_MAX_BYTES: String(64 * 1024 ** 2) },
  // The module template is not a module (npm run new:module makes one from it).
  exclude: ['**/node_modules/**', '**/dist/**', 'packages/modules/templates/**'],
};

/**
 * Three kinds of tests (plus the dashboard component tests, `*.test.tsx` under dashboard/src), told apart by suffix: `*.test.ts` unit tests next to the code (no I/O),
 * `*.integration.test.ts` against the real PostgreSQL (and NATS), `*.e2e.test.ts` through the router over HTTP.
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: { ...shared, name: 'unit', include: ['**/src/**/*.test.ts', 'test/*.test.ts'], exclude: [...shared.exclude, 'dashboard/**'] },
      },
      // The dashboard's component tests: React in happy-dom, with the app's own Vite config.
      {
        extends: './dashboard/vite.config.ts',
        test: {
          ...shared,
          name: 'dashboard',
          root: './dashboard',
          environment: 'happy-dom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['./src/test/setup.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['**/test/**/*.integration.test.ts'],
          globalSetup: ['packages/testkit/src/global-setup.ts'],
          // Nothing the platform does may reach beyond loopback: refused, recorded, failed in the teardown.
          setupFiles: ['packages/testkit/src/network-guard-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['**/test/**/*.e2e.test.ts'],
          globalSetup: ['packages/testkit/src/global-setup.ts'],
          // Nothing the platform does may reach beyond loopback: refused, recorded, failed in the teardown.
          setupFiles: ['packages/testkit/src/network-guard-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
