import type { Logger } from 'pino';

export interface ShutdownOptions {
  /**
   * How long the drain may take before the process exits anyway (code 1): SHUTDOWN_TIMEOUT_MS,
   * default 25 s, inside Kubernetes' default 30 s grace period.
   */
  timeoutMs?: number;
  /** How the process ends (tests replace it). */
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
}

/** The drain budget from SHUTDOWN_TIMEOUT_MS (milliseconds), default 25 s. */
export function shutdownTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SHUTDOWN_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : 25_000;
}

/**
 * Stops the service cleanly on SIGTERM or SIGINT, in every environment: `stop` drains (stops
 * accepting, finishes in-flight requests and events, closes pools), then the process exits 0. If
 * the drain takes longer than the timeout, or fails, it exits 1; a second signal forces exit (130).
 * Apollo Server's own signal handling must be off (`stopOnTerminationSignals: false`): it would stop
 * the server and re-send the signal before the drain.
 */
export function onShutdown(logger: Logger, stop: () => Promise<void>, options: ShutdownOptions = {}): void {
  const timeoutMs = options.timeoutMs ?? shutdownTimeoutMs();
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without finishing the drain');
      exit(130);
      return;
    }
    stopping = true;
    const started = Date.now();
    logger.info({ signal, timeoutMs }, 'shutting down: draining');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown did not finish in time; exiting');
      exit(1);
    }, timeoutMs);
    stop()
      .then(() => {
        clearTimeout(deadline);
        logger.info({ drainMs: Date.now() - started }, 'stopped');
        exit(0);
      })
      .catch((error: unknown) => {
        clearTimeout(deadline);
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      });
  };
  for (const signal of options.signals ?? (['SIGINT', 'SIGTERM'] as NodeJS.Signals[])) process.on(signal, handler);
}
