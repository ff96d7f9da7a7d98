import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup for integration and end-to-end tests: creates (if missing) and migrates every
 * module's test database (prefix tessera_test) with the project's own offline migration runner, so
 * tests run against exactly what production migrations build.
 */
export default function setup(): void {
  const cli = fileURLToPath(new URL('../../../prisma/dist/cli.js', import.meta.url));
  execFileSync(process.execPath, [cli, 'migrate'], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_PREFIX: process.env.DATABASE_PREFIX ?? 'tessera_test' },
  });
}
