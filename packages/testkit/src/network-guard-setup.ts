/** Vitest setup file: installs the network guard in the test worker (see network-guard.ts). */
import { createRequire } from 'node:module';
import { NETWORK_GUARD, networkGuardLog } from './network-guard.js';

process.env.NETWORK_GUARD_LOG ??= networkGuardLog(process.pid);
createRequire(import.meta.url)(NETWORK_GUARD);
