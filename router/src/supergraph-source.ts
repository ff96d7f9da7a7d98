/**
 * Where the router's supergraph comes from, and how it changes without a restart. The gateway is
 * given a `supergraphSdl` hook; when the file changes (a directory watch, so editors' rename-swaps
 * and Kubernetes' ConfigMap symlink swaps are seen) or the process gets SIGHUP, the new SDL is handed
 * to the gateway's `update`. The gateway validates it and builds a new query planner; an SDL that
 * does not parse or validate is refused there and the old schema keeps serving. Requests in flight
 * finish on the plan they started with; open WebSocket connections and their subscriptions are not
 * touched (their next payloads run on the new schema).
 */
import { watch, readFileSync, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { counter, type Logger } from '@tessera/service-kit';

export type ReloadResult = { ok: true; changed: boolean; ms: number } | { ok: false; error: string };

export class SupergraphSource {
  private update: ((sdl: string) => void) | null = null;
  private current: string;
  private watcher: FSWatcher | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private readonly onSignal = () => void this.reload();
  private readonly reloads = counter('tessera_supergraph_reloads_total', 'Supergraph reloads, by outcome', ['outcome']);

  constructor(
    initialSdl: string,
    private readonly logger: Logger,
    /** The file to watch and reload from (none: the SDL only changes through `reload(sdl)`). */
    private readonly path?: string,
  ) {
    this.current = initialSdl;
  }

  get sdl(): string {
    return this.current;
  }

  /** The gateway's `supergraphSdl` option. */
  readonly hook: SupergraphSdlHook = async ({ update }) => {
    this.update = update;
    if (this.path) {
      const file = basename(this.path);
      this.watcher = watch(dirname(this.path), (_event, name) => {
        if (name !== null && name !== file && !String(name).startsWith('..')) return;
        if (this.debounce) clearTimeout(this.debounce);
        this.debounce = setTimeout(() => void this.reload(), 100);
      });
      this.watcher.on('error', (error) => this.logger.warn({ err: error }, 'cannot watch the supergraph file'));
      process.on('SIGHUP', this.onSignal);
    }
    return {
      supergraphSdl: this.current,
      cleanup: async () => {
        this.watcher?.close();
        this.watcher = null;
        if (this.debounce) clearTimeout(this.debounce);
        process.off('SIGHUP', this.onSignal);
        this.update = null;
      },
    };
  };

  /** Applies `sdl` (default: the file's content now). An invalid one is refused and changes nothing. */
  async reload(sdl?: string): Promise<ReloadResult> {
    const started = performance.now();
    let next: string;
    try {
      next = sdl ?? readFileSync(this.path ?? '', 'utf8');
    } catch (error) {
      return this.refused(`cannot read ${this.path}: ${(error as Error).message}`);
    }
    if (next === this.current) return { ok: true, changed: false, ms: 0 };
    if (!this.update) return this.refused('the gateway has not loaded yet');
    try {
      this.update(next);
    } catch (error) {
      return this.refused((error as Error).message);
    }
    this.current = next;
    const ms = Math.round(performance.now() - started);
    this.reloads.inc({ outcome: 'applied' });
    this.logger.info({ ms }, 'supergraph reloaded');
    return { ok: true, changed: true, ms };
  }

  private refused(error: string): ReloadResult {
    this.reloads.inc({ outcome: 'refused' });
    this.logger.error({ error }, 'supergraph refused; the previous one keeps serving');
    return { ok: false, error };
  }
}
