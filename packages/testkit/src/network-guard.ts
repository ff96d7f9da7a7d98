/**
 * The network guard in tests: integration and end-to-end test workers run with
 * scripts/lib/network-guard.cjs installed (the setup file below), so any connection or DNS query
 * beyond loopback that the platform makes by itself is refused and recorded; the global teardown
 * fails the run when anything was recorded. Processes a test spawns get the same guard through
 * `guardedNodeOptions()`.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The preload itself (plain CommonJS, so `node --require` takes it). */
export const NETWORK_GUARD = resolve(ROOT, 'scripts/lib/network-guard.cjs');
/** Where guarded test processes record refusals, one JSON-lines file per process. */
export const NETWORK_GUARD_DIR = resolve(ROOT, 'test-artifacts/network-guard');

export interface NetworkRecord {
  pid: number;
  kind: 'connect' | 'dns';
  target: string;
  at: string;
  stack: string;
}

/** The log file of process `pid`. */
export function networkGuardLog(pid: number = process.pid): string {
  mkdirSync(NETWORK_GUARD_DIR, { recursive: true });
  return resolve(NETWORK_GUARD_DIR, `${pid}.jsonl`);
}

/** NODE_OPTIONS for a child process that must run under the guard (keeps the parent's options). */
export function guardedNodeOptions(existing = process.env.NODE_OPTIONS ?? ''): string {
  return `${existing} --require ${NETWORK_GUARD}`.trim();
}

/** Every refusal recorded since the directory was cleared, by any guarded process. */
export function networkRecords(): NetworkRecord[] {
  let files: string[];
  try {
    files = readdirSync(NETWORK_GUARD_DIR).filter((file) => file.endsWith('.jsonl'));
  } catch {
    return [];
  }
  return files.flatMap((file) =>
    readFileSync(resolve(NETWORK_GUARD_DIR, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as NetworkRecord),
  );
}

/** Clears earlier records (global setup). */
export function clearNetworkRecords(): void {
  rmSync(NETWORK_GUARD_DIR, { recursive: true, force: true });
  mkdirSync(NETWORK_GUARD_DIR, { recursive: true });
}

/** The failure message for records, or null when there are none. */
export function describeNetworkRecords(records: NetworkRecord[]): string | null {
  if (records.length === 0) return null;
  const lines = records.map((r) => `  - pid ${r.pid} ${r.kind} ${r.target}\n${r.stack.replace(/^/gm, '      ')}`);
  return `${records.length} connection attempt(s) beyond loopback were refused:\n${lines.join('\n')}`;
}
