import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './paths.js';

const GUARD = resolve(ROOT, 'scripts/lib/network-guard.cjs');

/** Runs `script` (an ES module) under the guard; returns what it printed and what the guard recorded. */
function underGuard(script: string): { output: string; records: { kind: string; target: string }[] } {
  const log = join(mkdtempSync(join(tmpdir(), 'guard-')), 'records.jsonl');
  const output = execFileSync(process.execPath, ['--require', GUARD, '--input-type=module', '-e', script], {
    env: { ...process.env, NETWORK_GUARD_LOG: log },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const records = existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { kind: string; target: string })
    : [];
  return { output, records };
}

describe('network guard (the preload the tests run the platform under)', () => {
  it('refuses and records connections and DNS queries beyond loopback, and lets loopback through', () => {
    const { output, records } = underGuard(`
      import net from 'node:net';
      import dns from 'node:dns';
      const attempt = (port, host) => new Promise((done) => {
        const socket = net.connect(port, host);
        socket.on('connect', () => { socket.destroy(); done('connected'); });
        socket.on('error', (error) => done(error.code));
      });
      const server = net.createServer((socket) => socket.end()).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const results = {
        loopback: await attempt(server.address().port, '127.0.0.1'),
        localhost: await attempt(server.address().port, 'localhost'),
        metadata: await attempt(80, '169.254.169.254'),
        name: await attempt(443, 'usage-reporting.api.apollographql.com'),
        fetch: await fetch('http://100.100.100.200/').then(() => 'ok', (error) => error.cause?.code),
        resolve: await dns.promises.resolve4('example.com').then(() => 'ok', (error) => error.code),
      };
      server.close();
      console.log(JSON.stringify(results));
    `);
    expect(JSON.parse(output)).toEqual({
      loopback: 'connected',
      localhost: 'connected',
      metadata: 'ECONNREFUSED',
      name: 'ECONNREFUSED',
      fetch: 'ECONNREFUSED',
      resolve: 'ECONNREFUSED',
    });
    expect(records.map((r) => `${r.kind} ${r.target}`)).toEqual([
      'connect 169.254.169.254:80',
      'connect usage-reporting.api.apollographql.com:443',
      'connect 100.100.100.200:80',
      'dns resolve4 example.com',
    ]);
  });
});

describe('Turborepo telemetry (a Go binary the guard cannot preload into)', () => {
  const scripts = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('is called by every package script through scripts/turbo.mjs, never directly', () => {
    const direct = Object.entries(scripts).filter(([, command]) => /(^|&&\s*|npx\s+)turbo\s/.test(command));
    expect(direct).toEqual([]);
    expect(Object.values(scripts).filter((command) => command.includes('scripts/turbo.mjs')).length).toBeGreaterThan(3);
    for (const file of ['Dockerfile', 'scripts/start.mjs', 'scripts/lib/bench-modules.mjs']) {
      expect(readFileSync(resolve(ROOT, file), 'utf8'), file).not.toMatch(/npx turbo|\bturbo', 'run'/);
    }
  });

  it('is off when turbo runs through the wrapper (turbo itself says so)', () => {
    const output = execFileSync(process.execPath, [resolve(ROOT, 'scripts/turbo.mjs'), 'telemetry', 'status'], {
      cwd: ROOT,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '', DO_NOT_TRACK: '' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(output).toContain('Status: Disabled');
  });
});
