/**
 * Liveness and readiness. `/health` answers 200 while the process serves HTTP at all (a liveness
 * probe: restart me if this fails). `/ready` runs every dependency check of the service (its
 * database, NATS, for the router the supergraph and identity) and answers 200 only when all pass,
 * else 503, with the status, latency and error of each, so an orchestrator sends traffic only to
 * instances that can serve it and an operator sees which dependency is down.
 */

export interface DependencyStatus {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

export interface Readiness {
  status: 'ready' | 'not_ready';
  checks: Record<string, DependencyStatus>;
}

/** A dependency check: resolves when the dependency is usable, throws (or times out) when not. */
export type Probe = () => Promise<unknown>;

const PROBE_TIMEOUT_MS = 2_000;

/** The last line of an error's message (Prisma's start with the invocation, end with the cause). */
function briefly(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (lines.at(-1) ?? 'failed').slice(0, 300);
}

export class Probes {
  private readonly probes = new Map<string, Probe>();

  /** Adds (or replaces) the check named `name`. */
  add(name: string, probe: Probe): this {
    this.probes.set(name, probe);
    return this;
  }

  get names(): string[] {
    return [...this.probes.keys()];
  }

  /** Runs one check (as another service's readiness includes it). */
  async run(name: string): Promise<unknown> {
    const probe = this.probes.get(name);
    if (!probe) throw new Error(`no check named ${name}`);
    return probe();
  }

  /** Runs every check at once, each bounded by `timeoutMs`. */
  async readiness(timeoutMs = PROBE_TIMEOUT_MS): Promise<Readiness> {
    const entries = await Promise.all(
      [...this.probes].map(async ([name, probe]): Promise<[string, DependencyStatus]> => {
        const started = performance.now();
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            probe(),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
            }),
          ]);
          return [name, { status: 'up', latencyMs: Math.round(performance.now() - started) }];
        } catch (error) {
          return [
            name,
            {
              status: 'down',
              latencyMs: Math.round(performance.now() - started),
              error: briefly(error),
            },
          ];
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    return { status: entries.every(([, check]) => check.status === 'up') ? 'ready' : 'not_ready', checks };
  }
}
