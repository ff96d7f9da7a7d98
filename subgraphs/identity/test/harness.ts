import { startTestModule, type TestModule, type TestModuleOptions } from '../../../packages/testkit/src/index.js';
import identity, { type IdentityDb } from '../src/index.js';

export type RunningIdentity = TestModule<IdentityDb>;

/** The secret these tests sign and verify access tokens with. */
export const JWT_SECRET = 'identity-test-jwt-secret-at-least-32-chars';

/** Starts the identity module in-process on a free port, on the test database, with a test JWT secret and a 10-minute token life. */
export function startIdentity(options: TestModuleOptions = {}): Promise<RunningIdentity> {
  return startTestModule<IdentityDb>(identity, {
    source: { ...process.env, JWT_SECRET, ACCESS_TOKEN_TTL_SECONDS: '600' },
    ...options,
  });
}
