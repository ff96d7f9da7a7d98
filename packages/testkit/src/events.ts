import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

/** The NATS server tests use (the machine's JetStream-enabled server unless NATS_URL says otherwise). */
export const TEST_NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** A fresh bus namespace: a test's subjects and streams, invisible to every other test. */
export function testNamespace(label = 't'): string {
  return `${label}_${randomBytes(5).toString('hex')}`;
}

/** Deletes every stream of a namespace (its consumers go with them). */
export async function deleteNamespaceStreams(namespace: string, url = TEST_NATS_URL): Promise<void> {
  const connection = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(connection);
    const prefix = `${namespace}_`.toUpperCase();
    for await (const name of jsm.streams.names()) {
      if (name.startsWith(prefix)) await jsm.streams.delete(name);
    }
  } finally {
    await connection.close();
  }
}

/** The nats-server binary on PATH (Debian installs it in /usr/sbin), if any. */
export function findNatsServer(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'nats-server');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A private nats-server with JetStream on a free port and its own store, which a test may stop and
 * start again (the store survives, as it would for a real restart).
 */
/** A private server's authorization: its configuration file, the passwords it reads, a user that may check it is up. */
export interface PrivateNatsAuth {
  config: string;
  env: Record<string, string>;
  probe: { user: string; pass: string };
}

export class PrivateNatsServer {
  private process: ChildProcess | null = null;
  readonly storeDir = mkdtempSync(path.join(tmpdir(), 'tessera-nats-'));
  /** What the server logged (the last 256 KiB): its errors, e.g. permission violations. */
  output = '';
  private constructor(
    private readonly binary: string,
    readonly port: number,
    private readonly auth: PrivateNatsAuth | null,
  ) {}

  /** Starts a server; with `auth`, it runs that configuration file with the passwords in its environment. */
  static async start(binary: string, auth: PrivateNatsAuth | null = null): Promise<PrivateNatsServer> {
    const server = new PrivateNatsServer(binary, await freePort(), auth);
    await server.start();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const config = this.auth ? ['-c', this.auth.config] : [];
    const child = spawn(this.binary, [...config, '-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...this.auth?.env },
    });
    child.stderr?.on('data', (chunk: Buffer) => (this.output = `${this.output}${chunk.toString()}`.slice(-256 * 1024)));
    this.process = child;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      try {
        const connection = await connect({ servers: this.url, reconnect: false, timeout: 500, ...this.auth?.probe });
        await jetstreamManager(connection);
        await connection.close();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error(`nats-server did not start on ${this.url}: ${this.output.slice(-4000).trim()}`);
  }

  /** Stops the server abruptly (SIGKILL), like a crash. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    this.process = null;
  }

  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
