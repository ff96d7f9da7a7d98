#!/usr/bin/env node
// Runs Turborepo with its anonymous usage telemetry off (TURBO_TELEMETRY_DISABLED, DO_NOT_TRACK): the
// package scripts call turbo through this, so `npm test`, `npm run build` and the rest never connect
// beyond the machine by themselves (turbo's telemetry goes to a Vercel endpoint otherwise).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

const TURBO_ENV = { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
const turbo = resolve(dirname(createRequire(import.meta.url).resolve('turbo/package.json')), 'bin', 'turbo');

const child = spawn(process.execPath, [turbo, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, ...TURBO_ENV } });
child.on('error', (error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
