import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clearNetworkRecords, describeNetworkRecords, networkRecords } from './network-guard.js';

/**
 * Vitest global setup for integration and end-to-end tests: creates (if missing) and migrates every
 * module's test database (prefix tessera_test) with the project's own offline migration runner, so
 * tests run against exactly what production migrations build. Clears the network guard's records
 * first; the teardown fails the run if any guarded process tried to reach beyond loopback.
 */
export default function setup(): () => void {
  clearNetworkRecords();
  const cli = fileURLToPath(new URL('../../../prisma/dist/cli.js', import.meta.url));
  execFileSync(process.execPath, [cli, 'migrate'], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_PREFIX: process.env.DATABASE_PREFIX ?? 'tessera_test' },
  });
  return () => {
    const failure = describeNetworkRecords(networkRecords());
    if (failure) throw new Error(failure);
  };
}
